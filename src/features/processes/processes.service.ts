// Process use cases: open a process, describe its timeline, documents and related processes.
import {
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '../../shared/errors.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import { slugify } from '../organisations/index.ts';
import { canCreateProcess, requireSecretariat } from '../../shared/process-policy.ts';
import type { ProcessesStore } from './processes.store.ts';
import { isAllowedWebAddress } from '../../shared/link-policy.ts';

export const MILESTONE_KINDS = ['deadline', 'meeting', 'publication'] as const;
export const LINK_KINDS = ['feeds_into', 'follows_up', 'parallel'] as const;

export interface ProcessInput {
  title: string;
  convener: string;
  description: string;
  frameworks: string[];
}

function checkProcess(input: ProcessInput): ProcessInput {
  const title = input.title.trim();
  const convener = input.convener.trim();
  if (!title) throw ValidationError({ title: 'errors.required' });
  if (title.length > 200) throw ValidationError({ title: 'errors.tooLong' });
  if (!convener) throw ValidationError({ convener: 'errors.required' });
  if (input.description.length > 20000) throw ValidationError({ description: 'errors.tooLong' });
  const frameworks = input.frameworks
    .map((f) => f.trim())
    .filter(Boolean)
    .slice(0, 50);
  return { title, convener, description: input.description.trim(), frameworks };
}

export function processesService(deps: { store: ProcessesStore; clock: Clock }) {
  const { store, clock } = deps;
  const now = () => clock.now().toISOString();

  async function load(slug: string) {
    const process = await store.findBySlug(slug);
    if (!process) throw NotFoundError('process');
    return process;
  }

  /** The process, for its secretariat only. */
  async function loadForSecretariat(actor: Actor, slug: string) {
    const process = await load(slug);
    requireSecretariat(actor, process.id);
    return process;
  }

  return {
    list: () => store.list(),
    findBySlug: (slug: string) => store.findBySlug(slug),
    loadForSecretariat,
    findById: (id: string) => store.findById(id),

    async openProcess(actor: Actor, input: ProcessInput) {
      if (!actor.user) throw UnauthenticatedError();
      if (!canCreateProcess(actor)) throw ForbiddenError();
      const fields = checkProcess(input);
      let slug = slugify(fields.title);
      for (let i = 2; await store.slugExists(slug); i++) slug = `${slugify(fields.title)}-${i}`;
      const process = { id: newId(), slug, createdAt: now(), ...fields };
      await store.insert(process);
      return process;
    },

    async updateProcess(actor: Actor, slug: string, input: ProcessInput) {
      const process = await loadForSecretariat(actor, slug);
      await store.update(process.id, checkProcess(input), now());
    },

    async viewProcess(slug: string) {
      const process = await load(slug);
      const [milestones, documents, links] = await Promise.all([
        store.milestones(process.id),
        store.documents(process.id),
        store.links(process.id),
      ]);
      return { process, milestones, documents, links };
    },

    async addMilestone(
      actor: Actor,
      slug: string,
      input: { kind: string; title: string; date: string; description: string },
    ) {
      const process = await loadForSecretariat(actor, slug);
      if (!(MILESTONE_KINDS as readonly string[]).includes(input.kind))
        throw ValidationError({ kind: 'errors.choiceInvalid' });
      if (!input.title.trim()) throw ValidationError({ title: 'errors.required' });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date) || Number.isNaN(Date.parse(input.date)))
        throw ValidationError({ date: 'errors.dateInvalid' });
      await store.insertMilestone(process.id, {
        id: newId(),
        kind: input.kind,
        title: input.title.trim(),
        date: input.date,
        description: input.description.trim(),
      });
    },

    async removeMilestone(actor: Actor, slug: string, id: string) {
      const process = await loadForSecretariat(actor, slug);
      await store.deleteMilestone(process.id, id);
    },

    async addDocument(
      actor: Actor,
      slug: string,
      input: { title: string; url: string; language: string | null },
    ) {
      const process = await loadForSecretariat(actor, slug);
      if (!input.title.trim()) throw ValidationError({ title: 'errors.required' });
      if (!isAllowedWebAddress(input.url)) throw ValidationError({ url: 'errors.urlInvalid' });
      await store.insertDocument(process.id, {
        id: newId(),
        title: input.title.trim(),
        url: input.url,
        language: input.language,
      });
    },

    async removeDocument(actor: Actor, slug: string, id: string) {
      const process = await loadForSecretariat(actor, slug);
      await store.deleteDocument(process.id, id);
    },

    async linkProcess(actor: Actor, slug: string, input: { otherSlug: string; kind: string }) {
      const process = await loadForSecretariat(actor, slug);
      if (!(LINK_KINDS as readonly string[]).includes(input.kind))
        throw ValidationError({ kind: 'errors.choiceInvalid' });
      const other = await store.findBySlug(input.otherSlug);
      if (!other || other.id === process.id)
        throw ValidationError({ otherSlug: 'errors.choiceInvalid' });
      await store.insertLink(process.id, other.id, input.kind);
    },

    /** Removes the link between two processes, whichever of them declared it. */
    async unlinkProcess(actor: Actor, slug: string, otherSlug: string) {
      const process = await loadForSecretariat(actor, slug);
      const other = await store.findBySlug(otherSlug);
      if (!other) throw NotFoundError('process');
      await store.deleteLink(process.id, other.id);
    },
  };
}

export type ProcessesService = ReturnType<typeof processesService>;

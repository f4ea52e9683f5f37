// Organisations in the browser: create one, invite a member by e-mail, the member accepts from
// the mailed link in their own browser and then appears in the members table.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  createFirstAdmin,
  field,
  follow,
  linkFromOutbox,
  person,
  registerAndConfirm,
  signIn,
  submitMainForm,
  t,
} from './flows.ts';
import { newSession, type Server, startServerAndBrowser } from './harness.ts';

const en = t.en;

describe('organisations in the browser', () => {
  let server: Server;
  let browser: Browser;
  let admin: Page;

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
    admin = (await newSession(browser, server)).page;
    await createFirstAdmin(admin, server, person('Ada Admin'));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('an owner creates an organisation, invites a member, and the member accepts from the mail', async () => {
    const owner = (await newSession(browser, server)).page;
    const ownerPerson = person('Olu Owner');
    await registerAndConfirm(owner, admin, server, ownerPerson);

    await follow(
      owner,
      owner.locator('header').getByRole('link', { name: en('nav.organisations') }),
    );
    assert.equal(await owner.locator('h1').innerText(), en('org.mine.title'));
    await owner.getByText(en('org.mine.none')).waitFor();
    await follow(owner, owner.getByRole('link', { name: en('org.new.title') }));

    // Refused first: the name and the stakeholder group are required.
    await submitMainForm(owner, en('org.new.submit'));
    const summary = owner.getByRole('alert');
    await summary
      .getByRole('link', { name: `${en('org.name')}: ${en('errors.required')}` })
      .waitFor();

    await field(owner, en('org.name')).fill('Coalition for Open Networks');
    await field(owner, en('profile.stakeholderGroup')).selectOption('civil_society');
    await field(owner, en('profile.country')).selectOption('SN');
    await field(owner, en('org.website')).fill('https://open-networks.example.org');
    await field(owner, en('org.description')).fill('A coalition of community networks.');
    await submitMainForm(owner, en('org.new.submit'));
    assert.equal(new URL(owner.url()).pathname, '/organisations/coalition-for-open-networks');
    assert.equal(await owner.getByRole('status').innerText(), en('flash.organisationCreated'));
    assert.equal(await owner.locator('h1').innerText(), 'Coalition for Open Networks');
    await owner.locator('.facts').getByText(en('stakeholder.civilSociety')).waitFor();
    const orgUrl = owner.url();

    const members = owner.getByRole('table', { name: en('org.members') });
    assert.deepEqual(await memberRows(members), [[ownerPerson.displayName, en('org.role.owner')]]);

    const memberPerson = person('Mei Member');
    await field(owner, en('account.email')).fill(memberPerson.email);
    await field(owner, en('org.role')).selectOption('member');
    await submitMainForm(owner, en('org.invite.submit'));
    assert.equal(await owner.getByRole('status').innerText(), en('flash.invitationSent'));
    await owner
      .getByText(
        en('org.invite.pending', { email: memberPerson.email, role: en('org.role.member') }),
      )
      .waitFor();

    // The member, in a browser of their own: an account with the invited address first.
    const member = (await newSession(browser, server)).page;
    await registerAndConfirm(member, admin, server, memberPerson, { signIn: false });
    const invitation = await linkFromOutbox(admin, server, memberPerson.email, '/invitations/');
    const invitationMail = admin.getByRole('article', {
      name: en('mail.invitation.subject', { organisation: 'Coalition for Open Networks' }),
    });
    assert.match(
      await invitationMail.innerText(),
      new RegExp(`${memberPerson.email}[\\s\\S]*${ownerPerson.displayName} `),
    );
    await member.goto(invitation);
    assert.equal(await member.locator('h1').innerText(), en('org.invitation.title'));
    await member
      .getByText(
        en('org.invitation.intro', {
          organisation: 'Coalition for Open Networks',
          role: en('org.role.member'),
        }),
      )
      .waitFor();
    await follow(member, member.getByRole('link', { name: en('org.invitation.signInFirst') }));
    await signIn(member, memberPerson.email, memberPerson.password, { alreadyOnForm: true });
    assert.equal(member.url(), invitation, 'signing in leads back to the invitation');
    await submitMainForm(member, en('org.invitation.accept'));
    assert.equal(member.url(), orgUrl);
    assert.equal(await member.getByRole('status').innerText(), en('flash.invitationAccepted'));

    await owner.reload();
    assert.deepEqual(
      await memberRows(members),
      [
        [ownerPerson.displayName, en('org.role.owner')],
        [memberPerson.displayName, en('org.role.member')],
      ].sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? '')),
    );
    assert.equal(
      await owner
        .getByText(
          en('org.invite.pending', { email: memberPerson.email, role: en('org.role.member') }),
        )
        .count(),
      0,
      'no longer pending',
    );

    await member.goto('/organisations');
    await member.getByRole('link', { name: 'Coalition for Open Networks' }).waitFor();

    // The link worked once.
    assert.equal((await member.goto(invitation))?.status(), 400);
    await owner.context().close();
    await member.context().close();
  });
});

/** The members table as [name, role] rows, sorted by name (the order of the page is not the point). */
async function memberRows(table: ReturnType<Page['getByRole']>): Promise<string[][]> {
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) =>
      Array.from(tr.querySelectorAll('td'))
        .slice(0, 2)
        .map((td) => (td.textContent ?? '').trim()),
    ),
  );
  return rows.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

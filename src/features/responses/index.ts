// The one door other features use into responses to submissions.
export { responsesRoutes } from './responses.routes.tsx';
export { responsesService, type ResponsesService } from './responses.service.ts';
export { responsesStore, OUTCOMES, type Outcome } from './responses.store.ts';
export { OwnResponseSection } from './responses.views.tsx';
export { OUTCOME_KEYS } from './outcomes.ts';

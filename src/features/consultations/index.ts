// The one door into the consultations feature: other features and the app import only what is here.
export { consultationsApi } from './consultations.api.ts';
export { consultationsRoutes } from './consultations.routes.tsx';
export { consultationsService, type ConsultationsService } from './consultations.service.ts';
export {
  consultationsStore,
  type ConsultationRecord,
  type QuestionRecord,
} from './consultations.store.ts';
export { secretariatRoutes } from './secretariat.routes.tsx';

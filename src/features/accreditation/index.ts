// The one door into the accreditation feature: other features and the app import only what is here.
export { accreditationRoutes } from './accreditation.routes.tsx';
export { accreditationService, type AccreditationService } from './accreditation.service.ts';
export { accreditationStore } from './accreditation.store.ts';
export {
  AccreditationRequestSection,
  type RequestableOrganisation,
} from './accreditation.views.tsx';

// The one door into the processes feature: other features and the app import only what is here.
export { processesApi } from './processes.api.ts';
export { processPageRenderer, type ProcessPageRenderer } from './processes.page.tsx';
export { processesRoutes } from './processes.routes.tsx';
export { processesService, type ProcessesService } from './processes.service.ts';
export { processesStore, type MilestoneRecord, type ProcessRecord } from './processes.store.ts';

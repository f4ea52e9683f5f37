// The one door other features use into reports.
export { reportsRoutes } from './reports.routes.tsx';
export {
  reportsService,
  GENERATE_JOB,
  type ReportsService,
  type GeneratePayload,
} from './reports.service.ts';
export { reportsStore } from './reports.store.ts';
export { reportComposer } from './report-composer.ts';
export { exportReport, isFormat, FORMATS, type ExportFormat } from './report-export.ts';
export type { ReportItem, ReportDocument } from './report-model.ts';
export type { ProviderConfig } from './synthesis-provider.ts';
export { providerEmbeddings, type EmbeddingOptions } from './provider-embeddings.ts';
export { reportJobs } from './reports.job.ts';
export { sectionHeading } from './report-markdown.ts';

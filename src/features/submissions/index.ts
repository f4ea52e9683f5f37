// The one door into the submissions feature: other features and the app import only what is here.
export type { DisclosedSubmission } from './disclosure.ts';
export { moderationRoutes } from './moderation.routes.tsx';
export { mySubmissionsRoutes } from './my-submissions.routes.tsx';
export { organisationActivity } from './organisation-activity.ts';
export { deadlineReminders } from './reminders.ts';
export { submissionsApi } from './submissions.api.ts';
export { submissionsRoutes } from './submissions.routes.tsx';
export { submissionsService, type SubmissionsService } from './submissions.service.ts';
export { submissionsStore, type SubmissionRecord } from './submissions.store.ts';
export { anonymousMailJobs, submissionMailer, type SubmissionMailer } from './submission-mail.ts';

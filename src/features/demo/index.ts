// The one door into the demo feature: other features and the app import only what is here.
export { seedDemo, type DemoResult } from './demo.service.ts';

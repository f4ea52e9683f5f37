// `npm start`: the platform, run from the JavaScript compiled into dist/ (see launch.js).
import { launch } from './launch.js';

await launch('app/server');

#!/usr/bin/env node
// The operator's command line, run from the JavaScript compiled into dist/ (see launch.js).
import { launch } from './launch.js';

await launch('cli/main');

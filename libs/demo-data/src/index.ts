export { AS_OF, WINDOW_START } from './demo-clock.js';
export { CaseScript, DemoDataRefusedError, demoEventId, demoId, type Actor, type DemoCase, type DemoStep } from './case-script.js';
export { demoCases, storyline } from './demo-plan.js';
export { createDemoWorld, type DemoCommune, type DemoWorld } from './demo-world.js';
export { sealDemoCase, writeDemoData, type DemoDataOptions, type DemoDataProgress, type DemoDataReport } from './demo-writer.js';
export { formatDuration, formatProgress } from './progress.js';

// The workflows a GridCase worker runs (the bundle entry point).
export { caseWorkflow } from './case-workflow.ts';

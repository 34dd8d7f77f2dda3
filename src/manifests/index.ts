/**
 * src/manifests: YAML/JSON text -> Kubernetes objects + problems with
 * file:line:col, validated as `kubectl apply --validate=strict` and the API
 * server would. Pure: no file system (src/cli/inputs.ts reads files).
 *
 * - `parseManifests(text, file)`: syntax, strict fields, per-object API rules.
 * - `validateObjects(objects, settings)`: rules across objects (duplicates,
 *   nodePort range and conflicts, clusterIP inside the service CIDR).
 * - `formatProblem(problem, sourceText)`: `file:line:col: message`, the
 *   source line with a caret, and a hint.
 */
export { parseManifests, type SourcedObject } from './parse.js';
export { validateObjects } from './validate-objects.js';
export { formatProblem, isError, sortProblems, type Problem, type ProblemCode, type Severity } from './problems.js';
export { MAX_ALIASES, MAX_DEPTH, MAX_TEXT_LENGTH } from './read-yaml.js';
export { MAX_REPLICAS } from './validate-workloads.js';
export { editDistance, suggest } from './suggest.js';

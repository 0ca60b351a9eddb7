/**
 * Issue #6's editor-agnostic core: the generated resilience modules (TypeScript/JavaScript,
 * dependency-free or on cockatiel; Python; Go) and the rewrites that route calls through them.
 * The code actions (src/client, src/server) and `integration-orchestrator fix` build on this.
 */
export { DEFAULT_POLICY, policyFromConfig, policyAccessor, type ConfigPolicyLike, type ResiliencePolicyData } from './policy';
export { chooseModuleFlavor, renderResilienceModule, type ModuleFlavor, type ProjectFacts, type RenderModuleOptions } from './renderModule';
export { renderGoHelper, renderPythonHelper, type GoHelperOptions } from './renderHelpers';
export { fixAllInFile, rewriteHttpCall, type FixResult, type HttpCallSite, type HttpLibrary, type RewriteOptions, type SkippedCall } from './rewrite/rewriteHttpCall';
export { findHttpCalls } from './rewrite/findHttpCalls';
export { findPythonHttpCalls, pythonTimeoutEdits, type PythonCallSite } from './rewrite/python';
export { findGoHttpCalls, goFixEdits, goPackageName, type GoCallSite } from './rewrite/go';
export { detectFileStyle, importSpecifier, type FileStyle } from './rewrite/imports';
export { applyTextEdits, type TextEdit } from './rewrite/textEdit';
export { UnsupportedCallError } from './rewrite/syntax';

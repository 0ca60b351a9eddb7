import * as assert from 'node:assert/strict';
import path from 'node:path';
import { log } from '../testLog';
import { EXTENSION_ID, contributedCommands, getExtension, unregisteredCommands, whenActivatedByWorkspace } from '../extensionUnderTest';

// Runs with a dummy development extension; the extension under test comes from the packaged .vsix,
// installed into this run's own extensions dir (IO_TEST_EXTENSIONS_DIR, set by test/runInServer.mjs).
suite('Packaged .vsix', () => {
  test('is installed from the extensions dir, not loaded from the source tree', () => {
    const extension = getExtension();
    // out/test/extension/vsix/installed.test.js → the repository root: the .vsix must not be loaded from there.
    assert.notEqual(extension.extensionUri.fsPath, path.resolve(__dirname, '../../../..'));
    const extensionsDir = process.env.IO_TEST_EXTENSIONS_DIR;
    if (extensionsDir) {
      assert.equal(path.dirname(extension.extensionUri.fsPath), extensionsDir, `loaded from ${extension.extensionUri.fsPath}`);
    }
  });

  test('activates on the sample workspace', async () => {
    const extension = await whenActivatedByWorkspace();
    assert.equal(extension.id, EXTENSION_ID);
    assert.equal(typeof extension.exports.activationMs, 'number');
    log(`activation (vsix): ${extension.exports.activationMs.toFixed(1)} ms`);
  });

  test('registers its commands', async () => {
    const extension = await whenActivatedByWorkspace();
    assert.ok(contributedCommands(extension).length >= 4);
    assert.deepEqual(await unregisteredCommands(extension), []);
  });
});

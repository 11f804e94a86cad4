/**
 * The one FileSystem port the extension reads and writes through (sidecars, workspace gazetteer and taxonomy,
 * exports, the sidecar index, its own place data): the node adapter the CLI uses. vscode.workspace.fs would add
 * nothing here: the extension handles file: documents only (its selectors say scheme 'file', virtual
 * workspaces are not supported), so every URI is a local path; and the node adapter writes atomically (temporary
 * file, fsync, rename), which the sidecar store relies on so no reader ever sees half a sidecar. Editor and
 * CLI then read and write the same bytes the same way.
 */
import type { FileSystem } from '../core/ports';
import { nodeFileSystem } from '../node/nodeFileSystem';

export const extensionFileSystem: FileSystem = nodeFileSystem;

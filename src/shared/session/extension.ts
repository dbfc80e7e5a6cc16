// The session file's extension, in a module of its own so that code which only names files
// (the renderer's first screen) does not load the session format with it.
export const SESSION_EXTENSION = 'nnlab'

// Jest's globalSetup is loaded with Node's resolver, not with moduleNameMapper: let relative
// imports written for ESM ("./x.js") find the TypeScript source ("./x.ts") there too.
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveJsToTs(request, parent, ...rest) {
  try {
    return resolve.call(this, request, parent, ...rest);
  } catch (error) {
    if (request.startsWith('.') && request.endsWith('.js')) return resolve.call(this, `${request.slice(0, -3)}.ts`, parent, ...rest);
    throw error;
  }
};

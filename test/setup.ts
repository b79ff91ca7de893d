// Loaded by mocha before every spec: quiet logs unless asked for.
process.env.LOG_LEVEL ??= 'silent';
export {};

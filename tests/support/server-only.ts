// Tests run outside React's server environment; 'server-only' guards only bundles.
export {};

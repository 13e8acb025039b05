// Stands in for the `server-only` marker package when lib/ modules run under Vitest or the CLI.
export {};

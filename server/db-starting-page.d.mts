import type { IncomingMessage, ServerResponse } from 'node:http';

export function dbStartingHtml(state: { message: string; firstRun: boolean }): string;
export function answerWhileDbStarts(req: IncomingMessage, res: ServerResponse): boolean;
export function compileLandingWhileDbStarts(port: number): void;

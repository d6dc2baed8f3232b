import { type ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';

/** Deeper than any request the API takes; the validators recurse, so depth must be bounded first. */
export const MAX_INPUT_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a request value cannot be taken as it is, whatever the route: nested deeper than the
 * validators can walk (class-transformer recurses: thousands of levels overflow the stack), or
 * text PostgreSQL refuses (NUL) or would silently alter (unpaired surrogates). Walks without
 * recursion.
 */
export function inputProblem(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [v, depth] = next;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return 'Text must not contain NUL (\\u0000) characters';
      if (LONE_SURROGATE.test(v)) return 'Text must be valid Unicode (it has an unpaired surrogate)';
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_INPUT_DEPTH)
        return `The request is nested too deeply (more than ${MAX_INPUT_DEPTH} levels)`;
      for (const child of Object.values(v)) stack.push([child, depth + 1]);
    }
  }
  return null;
}

/** The global validation pipe, refusing what no route can take before the DTO validators run. */
export class InputPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problem = inputProblem(value);
      if (problem) throw new BadRequestException(problem);
    }
    return super.transform(value, metadata);
  }
}

import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { findBrokenText, TEXT_RULES } from '@openenforce/domain/common';
import { DomainError } from '@openenforce/domain/errors';
import { partName } from './errors.ts';

/**
 * Zod validation of every request part (body, query string, path parameters, headers) with the text rule first: no
 * string anywhere in the input — any field, any depth, keys too — may hold U+0000 or a lone surrogate
 * (`@openenforce/domain/common` text.ts). One check in the validator rather than a building block in every schema:
 * it covers every route, today's and those added later, free-form JSON fields included, and runs where validation
 * runs — after the route's own credential check (an API key, a signature), before any handler.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => {
  const zod = zodValidatorCompiler(route);
  const part = partName(route.httpPart ?? 'body');
  return (data: unknown) => {
    const broken = findBrokenText(data, part);
    if (broken)
      return {
        error: new DomainError('VALIDATION_FAILED', [
          { path: broken.path, rule: broken.rule, message: TEXT_RULES[broken.rule] },
        ]),
      };
    return zod(data);
  };
};

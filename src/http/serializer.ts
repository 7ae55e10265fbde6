import fastJson from 'fast-json-stringify';
import { z } from 'zod';

/**
 * Replies are written by fast-json-stringify from the JSON Schema of each route's Zod response
 * schema (the handlers' return types are checked against the same schemas at compile time):
 * faster than JSON.stringify on list pages, and it drops any property the schema does not
 * declare, so nothing leaks by accident.
 */
export const serializerCompiler = ({ schema }: { schema: unknown }) => {
  try {
    const jsonSchema = z.toJSONSchema(schema as z.ZodType, {
      io: 'output',
      unrepresentable: 'any',
      target: 'draft-7',
    });
    return fastJson(jsonSchema as Parameters<typeof fastJson>[0]);
  } catch {
    return (data: unknown) => JSON.stringify(data);
  }
};

/** The parts of an OpenAPI 3 document the tests read. */
export interface OpenApiOperation {
  operationId?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, unknown>;
}
export interface OpenApiSchema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
  required?: string[];
  example?: unknown;
  $ref?: string;
  allOf?: OpenApiSchema[];
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

export function operationsOf(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
}

export function schemaByRef(document: OpenApiDocument, ref: string): OpenApiSchema | undefined {
  return document.components.schemas[ref.replace('#/components/schemas/', '')];
}

/** The request body schema of an operation, if it takes a JSON body. */
export function bodySchemaOf(document: OpenApiDocument, operation: OpenApiOperation): OpenApiSchema | undefined {
  const ref = operation.requestBody?.content['application/json']?.schema.$ref;
  return ref ? schemaByRef(document, ref) : undefined;
}

/**
 * A body as a generated client would fill it from the documented examples (required fields only);
 * the dotted paths of required fields with nothing to go on are pushed to `missing`.
 */
export function exampleOf(document: OpenApiDocument, schema: OpenApiSchema, missing: string[] = [], at = ''): unknown {
  if (schema.$ref) return exampleOf(document, schemaByRef(document, schema.$ref)!, missing, at);
  if (schema.allOf?.length === 1) return exampleOf(document, schema.allOf[0]!, missing, at);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'boolean') return false;
  if (schema.properties) {
    const out: Record<string, unknown> = {};
    for (const name of schema.required ?? []) out[name] = exampleOf(document, schema.properties[name]!, missing, `${at}${name}.`);
    return out;
  }
  if (schema.type === 'array' && schema.items) return [exampleOf(document, schema.items, missing, at)];
  missing.push(at.slice(0, -1));
  return undefined;
}

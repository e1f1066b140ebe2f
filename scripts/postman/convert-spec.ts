// Runs openapi-to-postmanv2 on the spec. It is handed the loaded document (example files inlined) because
// on its own it cannot follow `value: {$ref: ./examples/x.json}` and puts "reference ... not found" into
// the saved responses.
import { convertV2 } from 'openapi-to-postmanv2';
import type { JsonObject } from '../lib/spec-document.ts';

export interface ConvertedRequest {
  method: string;
  /** Path segments as the converter wrote them, e.g. ['connect', 'token']. */
  path: string[];
  item: JsonObject;
}

export async function convertSpec(spec: JsonObject): Promise<{ collection: JsonObject; requests: ConvertedRequest[] }> {
  const collection = await new Promise<JsonObject>((resolve, reject) => {
    convertV2(
      // The converter annotates the document it is given; it gets its own copy.
      { type: 'json', data: structuredClone(spec) },
      { parametersResolution: 'Example', folderStrategy: 'Paths', schemaFaker: false, enableOptionalParameters: true },
      (error, result) => {
        const data = result?.output?.[0]?.data;
        if (error || !result?.result || !data) {
          reject(new Error(`postman: openapi-to-postmanv2 failed: ${error?.message ?? result?.reason ?? 'no output'}`));
        } else resolve(data as JsonObject);
      },
    );
  });
  const requests: ConvertedRequest[] = [];
  const walk = (items: unknown): void => {
    for (const item of (items ?? []) as JsonObject[]) {
      if (Array.isArray(item.item)) walk(item.item);
      const request = item.request as JsonObject | undefined;
      if (!request) continue;
      const url = request.url as JsonObject;
      requests.push({ method: String(request.method), path: (url.path as string[]).map(String), item });
    }
  };
  walk(collection.item);
  return { collection, requests };
}

import { z } from 'zod';

/*
 * Open311 GeoReport v2 answers (server events/open311): JSON as below, XML with the same fields. Errors are
 * GeoReport's own list [{code, description}] (description: 中文 / English), not the API's error shape.
 */

export const open311Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.string(),
  keywords: z.string(),
  group: z.string(),
});

export const open311Request = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string().nullable(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number(),
  long: z.number(),
  media_url: z.string().nullable(),
});

/** POST requests: the event number and the citizen's token. */
export const open311Created = z.object({
  service_request_id: z.string(),
  token: z.string().nullable(),
  service_notice: z.string(),
  account_id: z.string().nullable(),
});

/** GET tokens/:token: the event number the token follows. */
export const open311TokenLookup = z.object({ service_request_id: z.string(), token: z.string() });

export const open311ServiceDefinition = z.object({ service_code: z.string(), attributes: z.array(z.unknown()) });

export const open311ErrorList = z.array(z.object({ code: z.number().int(), description: z.string() }));

/**
 * The resources of one input, indexed for references: `PractitionerRole/pr1`, an absolute URL
 * ending in it (with or without `_history`), or a bundle entry's `fullUrl` (`urn:uuid:…`).
 */
import { isRecord, type ReadResource } from './read-input.ts';

const TYPED_ID = /(?:^|\/)([A-Z][A-Za-z]{1,63})\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]*)?$/;

export class ResourceIndex {
  private readonly byKey = new Map<string, ReadResource>();
  private readonly byFullUrl = new Map<string, ReadResource>();
  readonly byType = new Map<string, ReadResource[]>();

  constructor(resources: readonly ReadResource[]) {
    for (const resource of resources) {
      if (resource.id) this.byKey.set(`${resource.resourceType}/${resource.id}`, resource);
      if (resource.fullUrl) this.byFullUrl.set(resource.fullUrl, resource);
      const list = this.byType.get(resource.resourceType) ?? [];
      list.push(resource);
      this.byType.set(resource.resourceType, list);
    }
  }

  of(type: string): ReadResource[] {
    return this.byType.get(type) ?? [];
  }

  get(type: string, id: string): ReadResource | undefined {
    return this.byKey.get(`${type}/${id}`);
  }

  /**
   * What a FHIR `Reference` points at: `{ type, id, resource }` (resource absent when it is not in
   * the input), or `null` for a value that is no reference at all.
   * @example index.resolve({ reference: 'https://ehr.example/fhir/Schedule/s1/_history/2' }) // { type: 'Schedule', id: 's1', … }
   */
  resolve(reference: unknown): { type: string; id: string; resource: ReadResource | undefined } | null {
    if (!isRecord(reference) || typeof reference.reference !== 'string') return null;
    const text = reference.reference;
    const entry = this.byFullUrl.get(text);
    if (entry) return { type: entry.resourceType, id: entry.id, resource: entry };
    const match = TYPED_ID.exec(text);
    if (!match) return null;
    const [, type = '', id = ''] = match;
    return { type, id, resource: this.byKey.get(`${type}/${id}`) };
  }
}

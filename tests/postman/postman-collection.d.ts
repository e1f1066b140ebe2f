// The part of the Postman Collection SDK (postman-collection, newman's parser) the tests use; the package
// ships declarations that its package.json does not point to.
declare module 'postman-collection' {
  interface PropertyList<T> {
    count(): number;
    map<R>(fn: (item: T) => R): R[];
    all(): T[];
  }
  export interface Url {
    toString(): string;
  }
  export interface RequestAuth {
    type: string;
  }
  export interface Request {
    method: string;
    url: Url;
    auth?: RequestAuth;
    body?: { mode: string };
  }
  export interface Event {
    listen: string;
  }
  export interface Item {
    name: string;
    request: Request;
    events: PropertyList<Event>;
    responses: PropertyList<unknown>;
  }
  export interface ItemGroup {
    name: string;
    items: PropertyList<Item>;
  }
  export class Collection {
    constructor(definition: unknown);
    name: string;
    items: PropertyList<ItemGroup>;
    variables: PropertyList<{ key: string }>;
    toJSON(): Record<string, unknown>;
    static isCollection(value: unknown): boolean;
  }
}

/**
 * What a value looks like after JSON.stringify: a Date becomes its ISO string. Response DTOs (the classes that
 * describe answers in the OpenAPI document) `implements Json<ServiceView>`, so a field a service adds or changes
 * breaks the API's build until the DTO — and with it the web app's generated types — says it too (issue 17).
 */
export type Json<T> = T extends Date
  ? string
  : T extends Buffer
    ? never
    : T extends ReadonlyArray<infer U>
      ? Array<Json<U>>
      : T extends object
        ? { [K in keyof T]: Json<T[K]> }
        : T;

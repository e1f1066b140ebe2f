// Do not edit: generated from specs/signup-plus.openapi.yaml by `npm run generate`.

export interface paths {
    "/connect/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange an authorization code, or a refresh token, for an access token
         * @description The OAuth 2.0 token request (RFC 6749 §4.1.3 and §6). The answer follows RFC 6749 §5.1 (success) and
         *     §5.2 (error).
         *
         *     Request body: JSON or form-urlencoded, with the same fields and the same meaning. TrueLayer's own
         *     description of this endpoint (https://docs.truelayer.com/openapi/authentication-server.json) lists a
         *     JSON body, and its Java, PHP and Rust SDKs send JSON; its docs' curl example
         *     (https://docs.truelayer.com/docs/retrieve-a-token-in-your-server) and its .NET SDK send form data.
         *
         *     Client authentication: `client_id` and `client_secret` in the body, as TrueLayer's description and every
         *     SDK send them. TrueLayer documents no HTTP Basic client authentication (RFC 6749 §2.3.1), so this
         *     description has none either (see `x-assumption`).
         *
         *     Statuses: TrueLayer documents 200, 400 and 500 for this endpoint (its OpenAPI file above), and its API
         *     reference (https://docs.truelayer.com/reference/generateaccesstoken) and Data API errors page
         *     (https://docs.truelayer.com/docs/data-api-errors) answer a wrong client with 400 `invalid_client`. So 401
         *     is not documented here: a 401 would be drift. RFC 6749 §5.2 lets a server answer `invalid_client` with
         *     401, so the client still reads an OAuth error body on a 401 as an OAuth error (and reports the status as
         *     a finding), rather than as an unreadable answer.
         */
        post: operations["requestToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/signup-plus/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The identity of the user behind the access token
         * @description Answers the identity of the account holder. When the user linked several accounts, it answers a
         *     `multiple_accounts_linked` list instead; call again with `account_id` set to one of them
         *     (https://docs.truelayer.com/docs/data-and-payments-integration).
         *     Tell the two shapes apart by the presence of `result`, not by the status.
         *
         *     Errors are problem documents (https://docs.truelayer.com/docs/signup-errors). TrueLayer's own Signup+
         *     description (https://docs.truelayer.com/openapi/signup.json) declares them as `application/json`; RFC
         *     7807 names `application/problem+json`. Both are accepted here, and the mock sends `application/json`.
         *
         *     The Signup+ errors page also lists 400 "Invalid State" without saying which call answers it (newer
         *     versions of the page no longer list it), so it is not documented for this call.
         */
        get: operations["getSignupPlusAccounts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The token request, by grant type, as form fields or as a JSON object with the same names. The fields are those of TrueLayer's API reference (https://docs.truelayer.com/reference/generateaccesstoken). */
        TokenRequest: components["schemas"]["AuthorizationCodeGrant"] | components["schemas"]["RefreshTokenGrant"];
        /** @description Exchange the one-time code for tokens. Closed (`additionalProperties: false`) so that the contract check rejects a client that sends a field TrueLayer does not document. */
        AuthorizationCodeGrant: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            grant_type: "authorization_code";
            client_id: components["schemas"]["ClientId"];
            client_secret: components["schemas"]["ClientSecret"];
            /**
             * Format: uri
             * @description Must equal the redirect_uri of the auth link.
             */
            redirect_uri: string;
            /** @description The one-time code sent to the redirect URI (https://docs.truelayer.com/docs/connect-an-account). A wrong, reused or expired code gets 400 `invalid_authorization_code`. */
            code: string;
            /** @description PKCE (RFC 7636 §4.5): the secret whose S256 hash the auth link sent as `code_challenge`. TrueLayer's API reference lists it as an optional field of this grant (https://docs.truelayer.com/reference/generateaccesstoken). Length and alphabet are RFC 7636 §4.1's. */
            code_verifier?: string;
        };
        /** @description Get a new access token with a refresh token. Closed for the same reason as AuthorizationCodeGrant. */
        RefreshTokenGrant: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            grant_type: "refresh_token";
            client_id: components["schemas"]["ClientId"];
            client_secret: components["schemas"]["ClientSecret"];
            /** @description A refresh token from an earlier answer. Refresh tokens are not single use: TrueLayer moved away from one-time refresh tokens in 2019, and a refresh answer may carry the same refresh token or a new one. Keep the newest one; nothing here requires rotation. */
            refresh_token: string;
        };
        /** @description The app's client id from TrueLayer Console. */
        ClientId: string;
        /** @description The app's client secret from TrueLayer Console. Never logged. */
        ClientSecret: string;
        /** @description RFC 6749 §5.1 success. Closed; see the note on response objects in `info`. */
        TokenResponse: {
            access_token: string;
            /** @description Lifetime of the access token in seconds (3600 in TrueLayer's samples). */
            expires_in: number;
            /** @constant */
            token_type: "Bearer";
            /** @description Present only when the `offline_access` scope was granted (https://docs.truelayer.com/docs/creating-a-connection). On a refresh it may equal the refresh token sent, or be a new one (https://truelayer.com/blog/engineering/refresh-tokens-refreshed/). */
            refresh_token?: string;
            /** @description Space-separated granted scopes. */
            scope?: string;
        };
        /** @description RFC 6749 §5.2 error body, the shape TrueLayer's SDKs read from the auth host (https://github.com/TrueLayer/truelayer-rust/blob/main/src/middlewares/error_handling.rs). Closed; see the note on response objects in `info`. */
        OAuthError: {
            /**
             * @description The error code. An open set: RFC 6749 §5.2 allows extension codes, so a code not listed here is
             *     not drift. Known codes on this endpoint:
             *     - `invalid_authorization_code`: the code is wrong, older than 5 minutes, or already used;
             *     - `invalid_grant`: the refresh token is invalid, expired or revoked, or redirect_uri does not match;
             *     - `invalid_client`: wrong client_id or client_secret (status 400);
             *     - `unauthorized_client`: an incorrect auth link, client_id or redirect_uri (that page gives it
             *       status 401, which the auth host's own description does not document);
             *     (those four: https://docs.truelayer.com/docs/data-api-errors);
             *     - `invalid_request`, `unsupported_grant_type`, `invalid_scope`: RFC 6749 §5.2.
             * @example invalid_authorization_code
             * @example invalid_grant
             * @example invalid_client
             * @example unauthorized_client
             * @example invalid_request
             * @example unsupported_grant_type
             * @example invalid_scope
             */
            error: string;
            error_description?: string;
            /** @description Extra detail some TrueLayer errors carry; TrueLayer's Rust SDK reads it as a map of strings (https://github.com/TrueLayer/truelayer-rust/blob/main/src/middlewares/error_handling.rs). Allowed, never required, and left open. */
            error_details?: Record<string, never>;
        };
        /** @description The account holder's identity. Closed; see the note on response objects in `info`. The Finland-only fields are listed so that a Finnish answer is not reported as drift. */
        Identity: {
            /** @description Not sent for Finnish users. */
            title?: string | null;
            /** @description May hold several given names (Finland). */
            first_name: string;
            last_name: string;
            /** Format: date */
            date_of_birth: string;
            address: components["schemas"]["Address"];
            account_details: components["schemas"]["AccountDetails"];
            /** @description Finland only. */
            national_identification_number?: string | null;
            /** @description Finland only. TrueLayer's Java SDK knows `M` and `F` (https://github.com/TrueLayer/truelayer-java/blob/main/src/main/java/com/truelayer/java/signupplus/entities/Sex.java). */
            sex?: string | null;
        };
        /** @description Closed; see the note on response objects in `info`. */
        Address: {
            address_line1: string;
            address_line2?: string | null;
            city: string;
            state?: string | null;
            zip: string;
            country_code: components["schemas"]["CountryCode"];
        };
        /** @description Closed; see the note on response objects in `info`. A Finnish account has only `iban` and `provider_id` (https://docs.truelayer.com/openapi/signup.json). */
        AccountDetails: {
            /** @description UK only. */
            account_number?: components["schemas"]["AccountNumber"] | null;
            /** @description UK only. */
            sort_code?: components["schemas"]["SortCode"] | null;
            /** @description Not checked for a valid checksum (TrueLayer's own example does not have one). */
            iban?: string | null;
            provider_id: string;
        };
        /** @description The user linked several accounts; call again with one `account_id`. The shape is TrueLayer's published example (https://docs.truelayer.com/docs/data-and-payments-integration). Closed; see the note on response objects in `info`. */
        MultipleAccountsLinked: {
            /** @constant */
            result: "multiple_accounts_linked";
            detail: string;
            /** @description Each account id mapped to its relative link. */
            links: {
                [key: string]: string;
            };
            accounts: components["schemas"]["LinkedAccount"][];
        };
        /** @description Closed; see the note on response objects in `info`. */
        LinkedAccount: {
            account_id: string;
            currency: components["schemas"]["CurrencyCode"];
            /** @description Signup+ supports current accounts only (https://docs.truelayer.com/docs/signup-basics); only `CURRENT` has been seen. Other values are not rejected. */
            account_type: string;
            display_name: string;
            account_number: components["schemas"]["AccountNumber"];
            sort_code: components["schemas"]["SortCode"];
        };
        /** @description UK sort code with dashes. */
        SortCode: string;
        /** @description UK account number. */
        AccountNumber: string;
        /** @description ISO 3166-1 alpha-2 country code. */
        CountryCode: string;
        /** @description ISO 4217 currency code. */
        CurrencyCode: string;
        /** @description A Cache-Control value that holds the `no-store` directive, alone or in a list (`no-store, no-cache`): servers commonly send it with others, and only `no-store` is what RFC 6749 asks for. */
        NoStoreDirective: string;
        /** @description RFC 7807 problem details as Signup+ sends them (https://docs.truelayer.com/docs/signup-errors): `type`, `title`, `status` and `trace_id` always, `detail`, `instance` and `errors` sometimes. Closed; see the note on response objects in `info`. */
        Problem: {
            /**
             * Format: uri
             * @description A URL under https://docs.truelayer.com/docs/signup-errors#<slug>. `#invalid-parameters` is the one slug TrueLayer publishes.
             */
            type: string;
            /** @description Short summary; match on this or on `type`, never on `detail`. */
            title: string;
            status: number;
            trace_id: string;
            detail?: string;
            instance?: string;
            /** @description Field name mapped to its messages. */
            errors?: {
                [key: string]: string[];
            };
        };
    };
    responses: {
        /** @description The request was refused: a malformed `account_id` (Invalid Parameters), or a bank that does not support Signup+ (Provider not supported). Both are on TrueLayer's Signup+ errors page (https://docs.truelayer.com/docs/signup-errors). */
        BadRequest: {
            headers: {
                "Tl-Trace-Id": components["headers"]["TraceId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Problem"];
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The access token is missing, invalid, expired or not issued by this server; get a new one (https://docs.truelayer.com/docs/signup-errors). */
        Unauthorized: {
            headers: {
                "Tl-Trace-Id": components["headers"]["TraceId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Problem"];
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Access to the bank expired or was revoked; the user must reconnect (https://docs.truelayer.com/docs/signup-errors). */
        Forbidden: {
            headers: {
                "Tl-Trace-Id": components["headers"]["TraceId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Problem"];
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The `account_id` is well formed but is not one of the user's linked accounts. */
        AccountNotFound: {
            headers: {
                "Tl-Trace-Id": components["headers"]["TraceId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Problem"];
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The bank returned no usable identity for this user (https://docs.truelayer.com/docs/signup-errors). */
        UnprocessableIdentity: {
            headers: {
                "Tl-Trace-Id": components["headers"]["TraceId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Problem"];
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many requests; retry later, after `Retry-After` seconds when the header is sent. */
        RateLimitExceeded: {
            headers: {
                "Tl-Trace-Id": components["headers"]["TraceId"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Problem"];
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Something failed on TrueLayer's side; try again later (https://docs.truelayer.com/docs/signup-errors). */
        InternalServerError: {
            headers: {
                "Tl-Trace-Id": components["headers"]["TraceId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Problem"];
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /**
         * @description TrueLayer's trace id for this request on the Signup+ API host; error bodies repeat it as `trace_id`. TrueLayer declares the header on the /signup-plus/payments answer of its Signup+ description (https://docs.truelayer.com/openapi/signup.json) and its .NET SDK reads it (https://github.com/TrueLayer/truelayer-dotnet/blob/main/src/TrueLayer/CustomHeaders.cs). Optional here: it is not documented for this call.
         * @example 4f7e8c2a-1b3d-4e5f-8a9b-0c1d2e3f4a5b
         */
        TraceId: string;
        /**
         * @description TrueLayer's correlation id for this request on the auth host. TrueLayer's common headers page lists it (https://docs.truelayer.com/docs/common-headers), and its SDKs read it from auth and Data API answers (https://github.com/TrueLayer/truelayer-rust/blob/main/src/middlewares/error_handling.rs). Optional here: TrueLayer's description of the token endpoint does not declare it.
         * @example 9b2d7c1e-5a4f-4e3d-8c2b-1a0f9e8d7c6b
         */
        CorrelationId: string;
        /**
         * @description An answer that carries tokens must not be cached: RFC 6749 §5.1 asks for `Cache-Control: no-store`. TrueLayer documents no such header, so it is optional; when sent, it must hold the `no-store` directive.
         * @example no-store
         */
        NoStore: components["schemas"]["NoStoreDirective"];
        /**
         * @description Seconds to wait before retrying. TrueLayer documents no Retry-After header, so it is optional; the client honours it when present and backs off exponentially otherwise.
         * @example 30
         */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    requestToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["TokenRequest"];
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description A new access token (and, with offline_access, a refresh token). */
            200: {
                headers: {
                    "X-Tl-Correlation-Id": components["headers"]["CorrelationId"];
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description The request was refused (RFC 6749 §5.2), including a wrong client_id or client_secret (`invalid_client`), which TrueLayer answers with 400. */
            400: {
                headers: {
                    "X-Tl-Correlation-Id": components["headers"]["CorrelationId"];
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
            /** @description Something failed on TrueLayer's side; try again later. TrueLayer documents this status for the endpoint (https://docs.truelayer.com/openapi/authentication-server.json). A token request is not retried automatically: the authorization code may already be spent. */
            500: {
                headers: {
                    "X-Tl-Correlation-Id": components["headers"]["CorrelationId"];
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
        };
    };
    getSignupPlusAccounts: {
        parameters: {
            query?: {
                /**
                 * @description One of `accounts[].account_id` from a `multiple_accounts_linked` answer.
                 * @example acc-aa360adff0f1574e1
                 */
                account_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The identity, or the list of linked accounts to choose from. */
            200: {
                headers: {
                    "Tl-Trace-Id": components["headers"]["TraceId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Identity"] | components["schemas"]["MultipleAccountsLinked"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["AccountNotFound"];
            422: components["responses"]["UnprocessableIdentity"];
            429: components["responses"]["RateLimitExceeded"];
            500: components["responses"]["InternalServerError"];
        };
    };
}

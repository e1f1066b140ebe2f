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
         * @description The form-urlencoded OAuth 2.0 token request (RFC 6749 §4.1.3 and §6). The authorization code is
         *     single use. The answer follows RFC 6749 §5.1 (success) and §5.2 (error).
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
         *     `multiple_accounts_linked` list instead; call again with `account_id` set to one of them.
         *     Tell the two shapes apart by the presence of `result`, not by the status.
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
        /** @description The token request form, by grant type. */
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
            /** @description The single-use code sent to the redirect URI. */
            code: string;
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
            /** @description Present only when the `offline_access` scope was granted. */
            refresh_token?: string;
            /** @description Space-separated granted scopes. */
            scope?: string;
        };
        /** @description RFC 6749 §5.2 error body. Closed; see the note on response objects in `info`. */
        OAuthError: {
            /**
             * @description The OAuth error code.
             * @enum {string}
             */
            error: "invalid_request" | "invalid_client" | "invalid_grant" | "unauthorized_client" | "unsupported_grant_type" | "invalid_scope";
            error_description?: string;
            /** @description Extra detail seen in some TrueLayer errors; allowed, never required. */
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
            /** @description Finland only. */
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
        /** @description Closed; see the note on response objects in `info`. */
        AccountDetails: {
            account_number?: components["schemas"]["AccountNumber"] | null;
            sort_code?: components["schemas"]["SortCode"] | null;
            /** @description Not checked for a valid checksum (TrueLayer's own example does not have one). */
            iban?: string | null;
            provider_id: string;
        };
        /** @description The user linked several accounts; call again with one `account_id`. Closed; see the note on response objects in `info`. */
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
            /** @description Signup+ supports current accounts only. */
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
        /** @description RFC 7807 problem details as Signup+ sends them. Closed; see the note on response objects in `info`. */
        Problem: {
            /**
             * Format: uri
             * @description A URL under https://docs.truelayer.com/docs/signup-errors#<slug>.
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
        /** @description The request is malformed, e.g. an empty or malformed `account_id`. */
        InvalidParameters: {
            headers: {
                "Tl-Trace-Id": components["headers"]["TraceId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The access token is missing, invalid, expired or not issued by this server; get a new one. */
        Unauthorized: {
            headers: {
                "Tl-Trace-Id": components["headers"]["TraceId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Access to the bank expired or was revoked; the user must reconnect. */
        Forbidden: {
            headers: {
                "Tl-Trace-Id": components["headers"]["TraceId"];
                [name: string]: unknown;
            };
            content: {
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
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The bank returned no usable identity for this user. */
        UnprocessableIdentity: {
            headers: {
                "Tl-Trace-Id": components["headers"]["TraceId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many requests; retry after `Retry-After` seconds. */
        RateLimitExceeded: {
            headers: {
                "Tl-Trace-Id": components["headers"]["TraceId"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Something failed on TrueLayer's side; try again later. */
        InternalServerError: {
            headers: {
                "Tl-Trace-Id": components["headers"]["TraceId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /**
         * @description TrueLayer's trace id for this request; error bodies repeat it as `trace_id`.
         * @example 4f7e8c2a-1b3d-4e5f-8a9b-0c1d2e3f4a5b
         */
        TraceId: string;
        /**
         * @description An answer that carries tokens must not be cached: RFC 6749 §5.1 requires `Cache-Control: no-store` on it.
         * @example no-store
         */
        NoStore: components["schemas"]["NoStoreDirective"];
        /**
         * @description Token errors carry no tokens, so RFC 6749 §5.2 does not require the header; when sent, it holds the `no-store` directive as on the success answer.
         * @example no-store
         */
        NoStoreOnError: components["schemas"]["NoStoreDirective"];
        /**
         * @description Seconds to wait before retrying.
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
            };
        };
        responses: {
            /** @description A new access token (and, with offline_access, a refresh token). */
            200: {
                headers: {
                    "Tl-Trace-Id": components["headers"]["TraceId"];
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description The request was refused (RFC 6749 §5.2). */
            400: {
                headers: {
                    "Tl-Trace-Id": components["headers"]["TraceId"];
                    "Cache-Control": components["headers"]["NoStoreOnError"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
            /** @description Client authentication failed (wrong client_id or client_secret). */
            401: {
                headers: {
                    "Tl-Trace-Id": components["headers"]["TraceId"];
                    "Cache-Control": components["headers"]["NoStoreOnError"];
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
            400: components["responses"]["InvalidParameters"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["AccountNotFound"];
            422: components["responses"]["UnprocessableIdentity"];
            429: components["responses"]["RateLimitExceeded"];
            500: components["responses"]["InternalServerError"];
        };
    };
}

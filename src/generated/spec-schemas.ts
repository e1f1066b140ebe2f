// Do not edit: generated from specs/signup-plus.openapi.yaml by `npm run generate`.
// The spec's schemas as one JSON Schema document (draft 2020-12) for response validation.

export const specSchemas = {
  "$id": "urn:signup-plus:spec-schemas",
  "components": {
    "schemas": {
      "TokenRequest": {
        "description": "The token request, by grant type, as form fields or as a JSON object with the same names. The fields are those of TrueLayer's API reference (https://docs.truelayer.com/reference/generateaccesstoken).",
        "oneOf": [
          {
            "$ref": "#/components/schemas/AuthorizationCodeGrant"
          },
          {
            "$ref": "#/components/schemas/RefreshTokenGrant"
          }
        ],
        "discriminator": {
          "propertyName": "grant_type",
          "mapping": {
            "authorization_code": "#/components/schemas/AuthorizationCodeGrant",
            "refresh_token": "#/components/schemas/RefreshTokenGrant"
          }
        }
      },
      "AuthorizationCodeGrant": {
        "description": "Exchange the one-time code for tokens. Closed (`additionalProperties: false`) so that the contract check rejects a client that sends a field TrueLayer does not document.",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "grant_type",
          "client_id",
          "client_secret",
          "redirect_uri",
          "code"
        ],
        "properties": {
          "grant_type": {
            "type": "string",
            "const": "authorization_code"
          },
          "client_id": {
            "$ref": "#/components/schemas/ClientId"
          },
          "client_secret": {
            "$ref": "#/components/schemas/ClientSecret"
          },
          "redirect_uri": {
            "type": "string",
            "format": "uri",
            "description": "Must equal the redirect_uri of the auth link."
          },
          "code": {
            "type": "string",
            "minLength": 1,
            "description": "The one-time code sent to the redirect URI (https://docs.truelayer.com/docs/connect-an-account). A wrong, reused or expired code gets 400 `invalid_authorization_code`.",
            "x-assumption": {
              "id": "authorization-code-lifetime",
              "assumes": "An authorization code can be exchanged once, within 5 minutes of being issued; after that it gets 400 invalid_authorization_code.",
              "source": "https://docs.truelayer.com/docs/data-api-errors",
              "status": "sourced"
            }
          },
          "code_verifier": {
            "type": "string",
            "minLength": 43,
            "maxLength": 128,
            "pattern": "^[A-Za-z0-9._~-]+$",
            "description": "PKCE (RFC 7636 §4.5): the secret whose S256 hash the auth link sent as `code_challenge`. TrueLayer's API reference lists it as an optional field of this grant (https://docs.truelayer.com/reference/generateaccesstoken). Length and alphabet are RFC 7636 §4.1's.",
            "x-assumption": {
              "id": "pkce-code-challenge-s256",
              "assumes": "The auth link accepts code_challenge with code_challenge_method=S256 (RFC 7636), and the exchange of a code issued that way must send the matching code_verifier.",
              "source": "https://www.rfc-editor.org/rfc/rfc7636#section-4.3",
              "status": "unconfirmed"
            }
          }
        }
      },
      "RefreshTokenGrant": {
        "description": "Get a new access token with a refresh token. Closed for the same reason as AuthorizationCodeGrant.",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "grant_type",
          "client_id",
          "client_secret",
          "refresh_token"
        ],
        "properties": {
          "grant_type": {
            "type": "string",
            "const": "refresh_token"
          },
          "client_id": {
            "$ref": "#/components/schemas/ClientId"
          },
          "client_secret": {
            "$ref": "#/components/schemas/ClientSecret"
          },
          "refresh_token": {
            "type": "string",
            "minLength": 1,
            "description": "A refresh token from an earlier answer. Refresh tokens are not single use: TrueLayer moved away from one-time refresh tokens in 2019, and a refresh answer may carry the same refresh token or a new one. Keep the newest one; nothing here requires rotation.",
            "x-assumption": {
              "id": "refresh-token-reusable",
              "assumes": "A refresh token stays usable after a refresh (within its lifetime), so using an older one is not refused; the answer may carry the same refresh token or a new one.",
              "source": "https://truelayer.com/blog/engineering/refresh-tokens-refreshed/",
              "status": "sourced"
            }
          }
        }
      },
      "ClientId": {
        "type": "string",
        "minLength": 1,
        "description": "The app's client id from TrueLayer Console."
      },
      "ClientSecret": {
        "type": "string",
        "minLength": 1,
        "description": "The app's client secret from TrueLayer Console. Never logged."
      },
      "TokenResponse": {
        "description": "RFC 6749 §5.1 success. Closed; see the note on response objects in `info`.",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "access_token",
          "expires_in",
          "token_type"
        ],
        "properties": {
          "access_token": {
            "type": "string",
            "minLength": 1
          },
          "expires_in": {
            "type": "integer",
            "minimum": 1,
            "description": "Lifetime of the access token in seconds (3600 in TrueLayer's samples)."
          },
          "token_type": {
            "type": "string",
            "const": "Bearer"
          },
          "refresh_token": {
            "type": "string",
            "minLength": 1,
            "description": "Present only when the `offline_access` scope was granted (https://docs.truelayer.com/docs/creating-a-connection). On a refresh it may equal the refresh token sent, or be a new one (https://truelayer.com/blog/engineering/refresh-tokens-refreshed/).",
            "x-assumption": {
              "id": "refresh-token-omitted-without-offline-access",
              "assumes": "Without offline_access the refresh_token key is left out entirely, not sent as null.",
              "source": "https://docs.truelayer.com/docs/creating-a-connection",
              "status": "unconfirmed"
            }
          },
          "scope": {
            "type": "string",
            "description": "Space-separated granted scopes.",
            "x-assumption": {
              "id": "token-scope-on-authorization-code",
              "assumes": "The authorization_code answer also carries scope (TrueLayer shows it only for client_credentials).",
              "source": "https://docs.truelayer.com/docs/retrieve-a-token-in-your-server",
              "status": "unconfirmed"
            }
          }
        }
      },
      "OAuthError": {
        "description": "RFC 6749 §5.2 error body, the shape TrueLayer's SDKs read from the auth host (https://github.com/TrueLayer/truelayer-rust/blob/main/src/middlewares/error_handling.rs). Closed; see the note on response objects in `info`.",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "type": "string",
            "minLength": 1,
            "description": "The error code. An open set: RFC 6749 §5.2 allows extension codes, so a code not listed here is\nnot drift. Known codes on this endpoint:\n- `invalid_authorization_code`: the code is wrong, older than 5 minutes, or already used;\n- `invalid_grant`: the refresh token is invalid, expired or revoked, or redirect_uri does not match;\n- `invalid_client`: wrong client_id or client_secret (status 400);\n- `unauthorized_client`: an incorrect auth link, client_id or redirect_uri (that page gives it\n  status 401, which the auth host's own description does not document);\n(those four: https://docs.truelayer.com/docs/data-api-errors);\n- `invalid_request`, `unsupported_grant_type`, `invalid_scope`: RFC 6749 §5.2.\n",
            "examples": [
              "invalid_authorization_code",
              "invalid_grant",
              "invalid_client",
              "unauthorized_client",
              "invalid_request",
              "unsupported_grant_type",
              "invalid_scope"
            ],
            "x-assumption": {
              "id": "oauth-rfc-error-codes",
              "assumes": "TrueLayer answers a missing or duplicated field with invalid_request, an unknown grant_type with unsupported_grant_type and a scope not enabled for the client with invalid_scope, as RFC 6749 §5.2 names them.",
              "source": "https://www.rfc-editor.org/rfc/rfc6749#section-5.2",
              "status": "unconfirmed"
            }
          },
          "error_description": {
            "type": "string"
          },
          "error_details": {
            "type": "object",
            "description": "Extra detail some TrueLayer errors carry; TrueLayer's Rust SDK reads it as a map of strings (https://github.com/TrueLayer/truelayer-rust/blob/main/src/middlewares/error_handling.rs). Allowed, never required, and left open."
          }
        }
      },
      "Identity": {
        "description": "The account holder's identity. Closed; see the note on response objects in `info`. The Finland-only fields are listed so that a Finnish answer is not reported as drift.",
        "x-assumption": {
          "id": "identity-required-fields",
          "assumes": "first_name, last_name, date_of_birth, address and account_details are always sent, as in every published example (TrueLayer's Java SDK treats every field as optional); optional fields may be left out or sent as null.",
          "source": "https://docs.truelayer.com/docs/data-and-payments-integration",
          "status": "unconfirmed"
        },
        "type": "object",
        "additionalProperties": false,
        "required": [
          "first_name",
          "last_name",
          "date_of_birth",
          "address",
          "account_details"
        ],
        "properties": {
          "title": {
            "type": [
              "string",
              "null"
            ],
            "description": "Not sent for Finnish users."
          },
          "first_name": {
            "type": "string",
            "description": "May hold several given names (Finland)."
          },
          "last_name": {
            "type": "string"
          },
          "date_of_birth": {
            "type": "string",
            "format": "date"
          },
          "address": {
            "$ref": "#/components/schemas/Address"
          },
          "account_details": {
            "$ref": "#/components/schemas/AccountDetails"
          },
          "national_identification_number": {
            "type": [
              "string",
              "null"
            ],
            "description": "Finland only."
          },
          "sex": {
            "type": [
              "string",
              "null"
            ],
            "description": "Finland only. TrueLayer's Java SDK knows `M` and `F` (https://github.com/TrueLayer/truelayer-java/blob/main/src/main/java/com/truelayer/java/signupplus/entities/Sex.java)."
          }
        }
      },
      "Address": {
        "type": "object",
        "additionalProperties": false,
        "description": "Closed; see the note on response objects in `info`.",
        "required": [
          "address_line1",
          "city",
          "zip",
          "country_code"
        ],
        "properties": {
          "address_line1": {
            "type": "string"
          },
          "address_line2": {
            "type": [
              "string",
              "null"
            ]
          },
          "city": {
            "type": "string"
          },
          "state": {
            "type": [
              "string",
              "null"
            ]
          },
          "zip": {
            "type": "string"
          },
          "country_code": {
            "$ref": "#/components/schemas/CountryCode",
            "x-assumption": {
              "id": "address-country-code-key",
              "assumes": "The address key is country_code, as on the integration page; TrueLayer's Signup+ description and SDK fixtures of /signup-plus/payments say country. The smoke run's drift report settles it.",
              "source": "https://docs.truelayer.com/docs/data-and-payments-integration",
              "status": "unconfirmed"
            }
          }
        }
      },
      "AccountDetails": {
        "type": "object",
        "additionalProperties": false,
        "description": "Closed; see the note on response objects in `info`. A Finnish account has only `iban` and `provider_id` (https://docs.truelayer.com/openapi/signup.json).",
        "required": [
          "provider_id"
        ],
        "properties": {
          "account_number": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/AccountNumber"
              },
              {
                "type": "null"
              }
            ],
            "description": "UK only."
          },
          "sort_code": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/SortCode"
              },
              {
                "type": "null"
              }
            ],
            "description": "UK only."
          },
          "iban": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$",
            "description": "Not checked for a valid checksum (TrueLayer's own example does not have one)."
          },
          "provider_id": {
            "type": "string",
            "minLength": 1
          }
        }
      },
      "MultipleAccountsLinked": {
        "description": "The user linked several accounts; call again with one `account_id`. The shape is TrueLayer's published example (https://docs.truelayer.com/docs/data-and-payments-integration). Closed; see the note on response objects in `info`.",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "result",
          "detail",
          "links",
          "accounts"
        ],
        "properties": {
          "result": {
            "type": "string",
            "const": "multiple_accounts_linked"
          },
          "detail": {
            "type": "string"
          },
          "links": {
            "type": "object",
            "description": "Each account id mapped to its relative link.",
            "additionalProperties": {
              "type": "string",
              "pattern": "^/"
            }
          },
          "accounts": {
            "type": "array",
            "minItems": 1,
            "items": {
              "$ref": "#/components/schemas/LinkedAccount"
            }
          }
        }
      },
      "LinkedAccount": {
        "type": "object",
        "additionalProperties": false,
        "description": "Closed; see the note on response objects in `info`.",
        "required": [
          "account_id",
          "currency",
          "account_type",
          "display_name",
          "account_number",
          "sort_code"
        ],
        "properties": {
          "account_id": {
            "type": "string",
            "minLength": 1
          },
          "currency": {
            "$ref": "#/components/schemas/CurrencyCode"
          },
          "account_type": {
            "type": "string",
            "description": "Signup+ supports current accounts only (https://docs.truelayer.com/docs/signup-basics); only `CURRENT` has been seen. Other values are not rejected."
          },
          "display_name": {
            "type": "string"
          },
          "account_number": {
            "$ref": "#/components/schemas/AccountNumber"
          },
          "sort_code": {
            "$ref": "#/components/schemas/SortCode"
          }
        }
      },
      "SortCode": {
        "type": "string",
        "description": "UK sort code with dashes.",
        "pattern": "^[0-9]{2}-[0-9]{2}-[0-9]{2}$"
      },
      "AccountNumber": {
        "type": "string",
        "description": "UK account number.",
        "pattern": "^[0-9]{8}$",
        "x-assumption": {
          "id": "uk-account-number-eight-digits",
          "assumes": "A UK account number is always eight digits (the UK standard; TrueLayer does not state it).",
          "source": "none found",
          "status": "unconfirmed"
        }
      },
      "CountryCode": {
        "type": "string",
        "description": "ISO 3166-1 alpha-2 country code.",
        "pattern": "^[A-Z]{2}$"
      },
      "CurrencyCode": {
        "type": "string",
        "description": "ISO 4217 currency code.",
        "pattern": "^[A-Z]{3}$"
      },
      "NoStoreDirective": {
        "type": "string",
        "description": "A Cache-Control value that holds the `no-store` directive, alone or in a list (`no-store, no-cache`): servers commonly send it with others, and only `no-store` is what RFC 6749 asks for.",
        "pattern": "(^|,)\\s*no-store\\s*(,|$)"
      },
      "Problem": {
        "description": "RFC 7807 problem details as Signup+ sends them (https://docs.truelayer.com/docs/signup-errors): `type`, `title`, `status` and `trace_id` always, `detail`, `instance` and `errors` sometimes. Closed; see the note on response objects in `info`.",
        "x-assumption": {
          "id": "signup-error-media-type",
          "assumes": "Errors of /signup-plus/accounts are sent as application/json, as TrueLayer's Signup+ description declares for /signup-plus/payments (application/problem+json is accepted too).",
          "source": "https://docs.truelayer.com/openapi/signup.json",
          "status": "unconfirmed"
        },
        "type": "object",
        "additionalProperties": false,
        "required": [
          "type",
          "title",
          "status",
          "trace_id"
        ],
        "properties": {
          "type": {
            "type": "string",
            "format": "uri",
            "description": "A URL under https://docs.truelayer.com/docs/signup-errors#<slug>. `#invalid-parameters` is the one slug TrueLayer publishes.",
            "x-assumption": {
              "id": "signup-error-type-slugs",
              "assumes": "The slug of each error is its title in lower-case kebab-case (e.g. #provider-not-supported).",
              "source": "https://docs.truelayer.com/openapi/signup.json",
              "status": "unconfirmed"
            }
          },
          "title": {
            "type": "string",
            "description": "Short summary; match on this or on `type`, never on `detail`."
          },
          "status": {
            "type": "integer",
            "minimum": 400,
            "maximum": 599
          },
          "trace_id": {
            "type": "string",
            "minLength": 1
          },
          "detail": {
            "type": "string"
          },
          "instance": {
            "type": "string"
          },
          "errors": {
            "type": "object",
            "description": "Field name mapped to its messages.",
            "x-assumption": {
              "id": "problem-errors-shape",
              "assumes": "errors maps each field name to a list of messages, as in TrueLayer's Payments v3 Invalid Parameters.",
              "source": "https://github.com/TrueLayer/truelayer-php/blob/main/tests/integration/Mocks/ErrorResponse.php",
              "status": "unconfirmed"
            },
            "additionalProperties": {
              "type": "array",
              "items": {
                "type": "string"
              }
            }
          }
        }
      }
    }
  },
  "operations": {
    "requestToken": {
      "method": "POST",
      "path": "/connect/token",
      "responses": {
        "200": {
          "content": {
            "application/json": {
              "$ref": "#/components/schemas/TokenResponse"
            }
          },
          "headers": {
            "x-tl-correlation-id": {
              "name": "X-Tl-Correlation-Id",
              "required": false,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            },
            "cache-control": {
              "name": "Cache-Control",
              "required": false,
              "schema": {
                "$ref": "#/components/schemas/NoStoreDirective"
              }
            }
          }
        },
        "400": {
          "content": {
            "application/json": {
              "$ref": "#/components/schemas/OAuthError"
            }
          },
          "headers": {
            "x-tl-correlation-id": {
              "name": "X-Tl-Correlation-Id",
              "required": false,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            },
            "cache-control": {
              "name": "Cache-Control",
              "required": false,
              "schema": {
                "$ref": "#/components/schemas/NoStoreDirective"
              }
            }
          }
        },
        "500": {
          "content": {
            "application/json": {
              "$ref": "#/components/schemas/OAuthError"
            }
          },
          "headers": {
            "x-tl-correlation-id": {
              "name": "X-Tl-Correlation-Id",
              "required": false,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            },
            "cache-control": {
              "name": "Cache-Control",
              "required": false,
              "schema": {
                "$ref": "#/components/schemas/NoStoreDirective"
              }
            }
          }
        }
      }
    },
    "getSignupPlusAccounts": {
      "method": "GET",
      "path": "/signup-plus/accounts",
      "responses": {
        "200": {
          "content": {
            "application/json": {
              "oneOf": [
                {
                  "$ref": "#/components/schemas/Identity"
                },
                {
                  "$ref": "#/components/schemas/MultipleAccountsLinked"
                }
              ]
            }
          },
          "headers": {
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": false,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "400": {
          "content": {
            "application/json": {
              "$ref": "#/components/schemas/Problem"
            },
            "application/problem+json": {
              "$ref": "#/components/schemas/Problem"
            }
          },
          "headers": {
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": false,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "401": {
          "content": {
            "application/json": {
              "$ref": "#/components/schemas/Problem"
            },
            "application/problem+json": {
              "$ref": "#/components/schemas/Problem"
            }
          },
          "headers": {
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": false,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "403": {
          "content": {
            "application/json": {
              "$ref": "#/components/schemas/Problem"
            },
            "application/problem+json": {
              "$ref": "#/components/schemas/Problem"
            }
          },
          "headers": {
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": false,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "404": {
          "content": {
            "application/json": {
              "$ref": "#/components/schemas/Problem"
            },
            "application/problem+json": {
              "$ref": "#/components/schemas/Problem"
            }
          },
          "headers": {
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": false,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "422": {
          "content": {
            "application/json": {
              "$ref": "#/components/schemas/Problem"
            },
            "application/problem+json": {
              "$ref": "#/components/schemas/Problem"
            }
          },
          "headers": {
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": false,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "429": {
          "content": {
            "application/json": {
              "$ref": "#/components/schemas/Problem"
            },
            "application/problem+json": {
              "$ref": "#/components/schemas/Problem"
            }
          },
          "headers": {
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": false,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            },
            "retry-after": {
              "name": "Retry-After",
              "required": false,
              "schema": {
                "type": "integer",
                "minimum": 0
              }
            }
          }
        },
        "500": {
          "content": {
            "application/json": {
              "$ref": "#/components/schemas/Problem"
            },
            "application/problem+json": {
              "$ref": "#/components/schemas/Problem"
            }
          },
          "headers": {
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": false,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        }
      }
    }
  }
} as const;

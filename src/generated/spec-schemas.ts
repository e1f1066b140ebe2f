// Do not edit: generated from specs/signup-plus.openapi.yaml by `npm run generate`.
// The spec's schemas as one JSON Schema document (draft 2020-12) for response validation.

export const specSchemas = {
  "$id": "urn:signup-plus:spec-schemas",
  "components": {
    "schemas": {
      "TokenRequest": {
        "description": "The token request form, by grant type.",
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
            "description": "The single-use code sent to the redirect URI.",
            "x-assumption": "The code expires after a few minutes (no published figure); the mock uses 5 minutes."
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
            "minLength": 1
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
            "description": "Present only when the `offline_access` scope was granted.",
            "x-assumption": "Left out entirely (not null) without offline_access; refresh tokens rotate on use."
          },
          "scope": {
            "type": "string",
            "description": "Space-separated granted scopes.",
            "x-assumption": "Also sent on the authorization_code answer (documented only for client_credentials)."
          }
        }
      },
      "OAuthError": {
        "description": "RFC 6749 §5.2 error body. Closed; see the note on response objects in `info`.",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "type": "string",
            "description": "The OAuth error code.",
            "enum": [
              "invalid_request",
              "invalid_client",
              "invalid_grant",
              "unauthorized_client",
              "unsupported_grant_type",
              "invalid_scope"
            ],
            "x-assumption": "TrueLayer's use of each RFC code is inferred, not documented."
          },
          "error_description": {
            "type": "string"
          },
          "error_details": {
            "type": "object",
            "description": "Extra detail seen in some TrueLayer errors; allowed, never required.",
            "x-assumption": "Its presence and content are unconfirmed, so it is left open."
          }
        }
      },
      "Identity": {
        "description": "The account holder's identity. Closed; see the note on response objects in `info`. The Finland-only fields are listed so that a Finnish answer is not reported as drift.",
        "x-assumption": "Required fields are those every published example shows; TrueLayer's Java SDK treats every field as optional. Optional fields may be left out or sent as null.",
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
            "description": "Finland only."
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
            "x-assumption": "The integration page says `country_code`; the SDK fixtures of /signup-plus/payments say `country`. The smoke run's drift report settles it."
          }
        }
      },
      "AccountDetails": {
        "type": "object",
        "additionalProperties": false,
        "description": "Closed; see the note on response objects in `info`.",
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
            "x-assumption": "UK only; left out for Finnish accounts."
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
            "x-assumption": "UK only; left out for Finnish accounts."
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
        "description": "The user linked several accounts; call again with one `account_id`. Closed; see the note on response objects in `info`.",
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
            "description": "Signup+ supports current accounts only.",
            "x-assumption": "Only CURRENT has been seen; other values are not rejected."
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
        "x-assumption": "Always eight digits (the UK standard); TrueLayer does not state it."
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
        "description": "RFC 7807 problem details as Signup+ sends them. Closed; see the note on response objects in `info`.",
        "x-assumption": "The media type is application/problem+json (documented for the Verification API only).",
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
            "description": "A URL under https://docs.truelayer.com/docs/signup-errors#<slug>.",
            "x-assumption": "The slug of each error is inferred from its title."
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
            "x-assumption": "Shape taken from Payments v3 \"Invalid Parameters\".",
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
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": true,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            },
            "cache-control": {
              "name": "Cache-Control",
              "required": true,
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
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": true,
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
        "401": {
          "content": {
            "application/json": {
              "$ref": "#/components/schemas/OAuthError"
            }
          },
          "headers": {
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": true,
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
              "required": true,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "400": {
          "content": {
            "application/problem+json": {
              "$ref": "#/components/schemas/Problem"
            }
          },
          "headers": {
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": true,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "401": {
          "content": {
            "application/problem+json": {
              "$ref": "#/components/schemas/Problem"
            }
          },
          "headers": {
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": true,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "403": {
          "content": {
            "application/problem+json": {
              "$ref": "#/components/schemas/Problem"
            }
          },
          "headers": {
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": true,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "404": {
          "content": {
            "application/problem+json": {
              "$ref": "#/components/schemas/Problem"
            }
          },
          "headers": {
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": true,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "422": {
          "content": {
            "application/problem+json": {
              "$ref": "#/components/schemas/Problem"
            }
          },
          "headers": {
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": true,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            }
          }
        },
        "429": {
          "content": {
            "application/problem+json": {
              "$ref": "#/components/schemas/Problem"
            }
          },
          "headers": {
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": true,
              "schema": {
                "type": "string",
                "minLength": 1
              }
            },
            "retry-after": {
              "name": "Retry-After",
              "required": true,
              "schema": {
                "type": "integer",
                "minimum": 0
              }
            }
          }
        },
        "500": {
          "content": {
            "application/problem+json": {
              "$ref": "#/components/schemas/Problem"
            }
          },
          "headers": {
            "tl-trace-id": {
              "name": "Tl-Trace-Id",
              "required": true,
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

{#-
    Patterns of personal data that must never reach a mart in clear, and the one test that
    looks for them (tests/generic/no_personal_data.sql).

    The patterns use only what RE2 (DuckDB), POSIX (PostgreSQL) and Java (Spark) regular
    expressions share: bracket classes instead of backslash escapes, no look-arounds.

      email     local@domain.tld. A masked address (`j***@example.com`) does not match: the
                character before `@` must be a letter, a digit or one of `._%+-`.
      phone     three shapes, each bounded so it cannot start or end inside a longer token (a hex
                key or an id): international (`+44 7911 123456`, `+15551234567`), grouped
                North-American (`(555) 123-4567`, `555.123.4567`) and grouped national with a
                trunk 0 (`020 7946 0958`). Dates (`2026-12-01`, `2026-12-01T10:00:00+00:00`) have
                too few digits in a group; hex keys have no separators; a value that is a whole
                number or decimal without a plus sign (`12345.6789`, `-12345678.5`) is never
                taken for a phone, while `+15551234567` is one (E.164). A fourth shape takes the
                Nordic grouping, a trunk 0 then groups of two or three digits split by spaces
                (`070-123 45 67`, `08-123 456 78`), never right after a dash (the day of a date
                followed by more numbers).
-#}
{% macro personal_data_patterns() -%}
    {%- set boundary_start = "(^|[^0-9A-Za-z_.+])" -%}
    {%- set boundary_start_no_dash = "(^|[^0-9A-Za-z_.+-])" -%}
    {%- set boundary_end = "($|[^0-9A-Za-z_])" -%}
    {{- return({
        'email': "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+([.][A-Za-z0-9-]+)*[.][A-Za-z]{2,}",
        'phone_international': boundary_start ~ "[+][0-9]{1,3}[ .-]?([(][0-9]{1,4}[)][ .-]?)?([0-9][ .-]?){6,13}[0-9]" ~ boundary_end,
        'phone_grouped': boundary_start ~ "([(][0-9]{3}[)] ?|[0-9]{3}[ .-])[0-9]{3}[ .-][0-9]{4}" ~ boundary_end,
        'phone_national': boundary_start ~ "0[0-9]{2,4}[ -][0-9]{3,4}[ -]?[0-9]{3,4}" ~ boundary_end,
        'phone_spaced': boundary_start_no_dash ~ "0[0-9]{1,3}[ -][0-9]{2,3}( [0-9]{2,3}){1,2}" ~ boundary_end,
        'number': "^-?[0-9]+([.][0-9]+)?([eE][+-]?[0-9]+)?$",
    }) -}}
{%- endmacro %}

{#- personal_data_kind(value): 'email', 'phone' or null, as a SQL expression over a string value. -#}
{% macro personal_data_kind(value) -%}
    {%- set patterns = personal_data_patterns() -%}
    case
        when {{ regexp_matches(value, patterns.email) }} then 'email'
        when (
            {{ regexp_matches(value, patterns.phone_international) }}
            or {{ regexp_matches(value, patterns.phone_grouped) }}
            or {{ regexp_matches(value, patterns.phone_national) }}
            or {{ regexp_matches(value, patterns.phone_spaced) }}
        ) and not {{ regexp_matches(value, patterns.number) }} then 'phone'
    end
{%- endmacro %}

{#-
    redact_personal_data(value): the value, or, when it holds an email address or a phone number
    (personal_data_kind), a marker naming the kind in its place: `[email redacted]`,
    `[phone redacted]`. Staging applies it to every free-text column (free_text) on the way in,
    so a person's address typed into a company name, a restaurant name or a username reaches no
    model, mart or snapshot; the next export with a clean value heals the record (its history
    shows the marker, never the value). Columns that are personal by design (a customer's email,
    a rider's phone) are not free text: they reach the marts only hashed or masked.
-#}
{% macro redact_personal_data(value) -%}
    coalesce({{ dbt.concat(["'['", personal_data_kind(value), "' redacted]'"]) }}, {{ value }})
{%- endmacro %}

{#- free_text(column): a free-text raw column as staging keeps it: trimmed, personal data redacted. -#}
{% macro free_text(column) -%}
    {{ redact_personal_data('trim(' ~ column ~ ')') }}
{%- endmacro %}

{#- is_string_type(data_type): whether a column's type (as the adapter reports it) holds text. -#}
{% macro is_string_type(data_type) -%}
    {%- set base = (data_type or '') | lower -%}
    {{- return(base.startswith('varchar') or base.startswith('character') or base.startswith('char(')
               or base in ('text', 'string', 'char')) -}}
{%- endmacro %}

{#-
    pseudonymise(value): a salted md5 hash of a personal value (a name, an email, a phone), the
    only form in which personal data reaches a mart. The salt comes from the environment variable
    WAREHOUSE_PII_SALT (default: 'case-study-warehouse', documented in the README); set your own
    in production, and keep it: a new salt changes every hash. Null stays null.
-#}
{% macro pseudonymise(value) -%}
    case when {{ value }} is not null then
        {{ dbt.hash(dbt.concat(["'" ~ env_var('WAREHOUSE_PII_SALT', 'case-study-warehouse') ~ "'", "'|'", value])) }}
    end
{%- endmacro %}

{#-
    mask_email(value): the masked form of an email address that may reach a mart: its first
    character, three stars and the domain (`jane.doe@example.com` -> `j***@example.com`), which the
    personal-data test does not take for an address. Null, or a value without '@', gives null.
-#}
{% macro mask_email(value) -%}
    case when {{ value }} like '%_@_%' then
        {{ dbt.concat(["substr(" ~ value ~ ", 1, 1)", "'***@'", dbt.split_part(value, "'@'", 2)]) }}
    end
{%- endmacro %}

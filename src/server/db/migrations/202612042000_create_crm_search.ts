import { type Kysely, sql } from 'kysely';

/**
 * Global search over accounts (names and domains), contacts (names and emails) and opportunities.
 *
 * Why functions: under row-level security PostgreSQL uses an index only for conditions built from
 * leakproof operators, and none of the search operators are (`%`, `<%`, `like`, `@@`, `@>`): as the
 * app role every search would read the whole workspace. So the searches are SECURITY DEFINER
 * functions that run as the tables' owner, take the workspace id explicitly, answer nothing unless
 * it is the transaction's `app_workspace_id()` — the rule the `tenant` policies apply — and filter
 * every query by it, so they can use the GIN indexes.
 *
 * How they rank: precise candidates first (name prefix through a b-tree, full text with the last word
 * as a prefix, domain prefix, exact email), fuzzy trigram candidates (word similarity ≥ 0.5) only
 * when those are too few; then every candidate is scored. Each candidate set is capped, so a query
 * that matches half the workspace ("gmbh") costs about the same as one that matches ten rows.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- Index expressions run with search_path = pg_catalog: qualify what is not in it.
    create function contact_email_text(text[]) returns text language sql immutable parallel safe as $$
      select pg_catalog.array_to_string($1, ' ')
    $$;

    create index accounts_name_prefix_idx on accounts (workspace_id, immutable_unaccent_lower(name) text_pattern_ops) where deleted_at is null;
    create index account_domains_prefix_idx on account_domains (workspace_id, domain text_pattern_ops);
    create index contacts_name_trgm_idx on contacts using gin (immutable_unaccent_lower(first_name || ' ' || last_name) gin_trgm_ops);
    create index contacts_email_trgm_idx on contacts using gin (contact_email_text(emails) gin_trgm_ops);
    -- List orders of contacts and leads. The name orders get stored sort keys: a keyset condition on
    -- an expression such as lower(last_name) is not leakproof, so under row-level security it would
    -- only filter an index scan from the first row on, and page n would read n pages.
    alter table contacts add column name_key text generated always as (lower(last_name) || chr(1) || lower(first_name)) stored;
    alter table leads add column company_key text generated always as (lower(company)) stored;
    drop index contacts_list_idx;
    create index contacts_name_key_idx on contacts (workspace_id, name_key, id) where deleted_at is null;
    create index contacts_created_idx on contacts (workspace_id, created_at, id) where deleted_at is null;
    create index leads_company_idx on leads (workspace_id, company_key, id) where deleted_at is null;

    -- A query as LIKE sees it literally.
    create function search_like_escape(text) returns text language sql immutable parallel safe as $$
      select replace(replace(replace($1, '\\', '\\\\'), '%', '\\%'), '_', '\\_')
    $$;

    -- The words of an (already normalised) query, all required, the last one as a prefix as it may
    -- still be being typed: 'nordlicht & datentechnik & gmb:*'. Whole words let GIN skip through
    -- the long posting lists of common words; short prefixes (co:*) would read them whole.
    create function search_prefix_tsquery(text) returns tsquery language sql immutable parallel safe as $$
      with words as (
        select replace(replace(t.lexeme, '''', ''), '\\', '') as word, t.positions from unnest(to_tsvector('simple', $1)) t
      ), last as (select max(p) as pos from words, unnest(words.positions) p)
      select nullif(string_agg('''' || w.word || '''' || case when last.pos = any(w.positions) then ':*' else '' end, ' & '), '')::tsquery
      from words w, last where w.word <> ''
    $$;

    -- German spelled without umlauts (Mueller, Weiss) next to the names as stored (Müller → muller, Weiß → weis).
    create function search_alternative(text) returns text language sql immutable parallel safe as $$
      select replace(replace(replace(replace($1, 'ae', 'a'), 'oe', 'o'), 'ue', 'u'), 'ss', 's')
    $$;

    -- A query as a domain: lower case, umlauts spelled out, no scheme, www. or path.
    create function search_domain_query(text) returns text language sql immutable parallel safe as $$
      select regexp_replace(regexp_replace(regexp_replace(
        immutable_unaccent_lower(replace(replace(replace(replace(lower(btrim($1)), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss')),
        '^[a-z][a-z0-9+.-]*://', ''), '^www\\.', ''), '[/?#:].*$', '')
    $$;

    -- How well a text answers a query: word similarity mostly, whole-text similarity to prefer the
    -- closest, plus 1 for an exact match and 0.5 for a prefix. Names weigh more than domains (× 0.9
    -- by the caller). PL/pgSQL, because an SQL function is not inlined for an expression argument
    -- and then costs several times as much.
    create function search_score(q text, t text) returns double precision language plpgsql immutable parallel safe as $$
      declare s real; w real;
      begin
        if q is null or q = '' or t is null then return 0; end if;
        s := similarity(q, t);
        w := word_similarity(q, t);
        return 0.8 * greatest(w, s) + 0.2 * s + case when t = q then 1 when left(t, length(q)) = q then 0.5 else 0 end;
      end
    $$;

    -- search_score of a name as stored, for the query as typed and (× 0.95) its umlaut spelling;
    -- the name is normalised once, as immutable_unaccent_lower costs more than the scoring itself.
    create function search_name_score(q text, alt text, name text) returns double precision language plpgsql immutable parallel safe as $$
      declare t text := immutable_unaccent_lower(name);
      begin
        return greatest(search_score(q, t), 0.95 * search_score(alt, t));
      end
    $$;
  `.execute(db);

  await sql`
    create function search_accounts(p_workspace_id uuid, p_q text, p_limit int)
      returns table (id uuid, title text, subtitle text, score double precision)
      language plpgsql stable security definer
      set search_path = public set plan_cache_mode = force_custom_plan set pg_trgm.word_similarity_threshold = 0.5 as $$
      declare
        -- The caller names its workspace; it must be the transaction's (what row-level security would allow).
        ws uuid := case when p_workspace_id = app_workspace_id() then p_workspace_id end;
        qn text := immutable_unaccent_lower(btrim(p_q));
        qa text := search_alternative(immutable_unaccent_lower(btrim(p_q)));
        qd text := search_domain_query(p_q);
        tsq tsquery;
        cap int := greatest(p_limit * 10, 100);
        ids uuid[] := '{}';
        dom_ids uuid[] := '{}';
        fuzzy_cap int := greatest(p_limit * 20, 200);
        is_domain boolean;
      begin
        if ws is null or qn = '' then return; end if;
        if qa = qn then qa := null; end if;
        tsq := search_prefix_tsquery(qn);
        if qa is not null then tsq := coalesce(tsq || search_prefix_tsquery(qa), search_prefix_tsquery(qa)); end if;
        if qd !~ '^[a-z0-9.-]+$' then qd := ''; end if;
        is_domain := qd ~ '^[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,63}$';

        -- Exact and prefix matches of the name, closest first.
        ids := ids || array(select a.id from accounts a where a.workspace_id = ws and a.deleted_at is null
          and immutable_unaccent_lower(a.name) like search_like_escape(qn) || '%'
          order by immutable_unaccent_lower(a.name) using ~<~ limit p_limit);
        if qa is not null then
          ids := ids || array(select a.id from accounts a where a.workspace_id = ws and a.deleted_at is null
            and immutable_unaccent_lower(a.name) like search_like_escape(qa) || '%'
            order by immutable_unaccent_lower(a.name) using ~<~ limit p_limit);
        end if;
        if tsq is not null then
          ids := ids || array(select a.id from accounts a where a.workspace_id = ws and a.deleted_at is null and a.search @@ tsq limit cap);
        end if;
        -- Domains by prefix, shortest first ("acme" finds acme.com); a full domain also by its first label, so
        -- acme.com finds acme.de. No fuzzy domains: their trigrams are shared by thousands of rows.
        if qd <> '' then
          dom_ids := array(select d.account_id from account_domains d where d.workspace_id = ws
            and d.domain like search_like_escape(qd) || '%' order by d.domain using ~<~ limit cap);
          if is_domain then
            dom_ids := dom_ids || array(select d.account_id from account_domains d where d.workspace_id = ws
              and d.domain like search_like_escape(split_part(qd, '.', 1)) || '.%' order by d.domain using ~<~ limit cap);
            -- and names starting with that label: nordlicht.de finds "Nordlicht Software GmbH".
            ids := ids || array(select a.id from accounts a where a.workspace_id = ws and a.deleted_at is null
              and immutable_unaccent_lower(a.name) like search_like_escape(replace(split_part(qd, '.', 1), '-', ' ')) || '%'
              order by immutable_unaccent_lower(a.name) using ~<~ limit p_limit);
          end if;
          ids := ids || dom_ids;
        end if;

        -- Typos: trigram word similarity on the name, only when the precise ways found too little.
        -- One trigram scan, with the umlaut spelling when there is one: muller is close to both
        -- Müller and Mueller, while mueller is far from Müller once a typo comes on top.
        if not is_domain and (select count(distinct x) from unnest(ids) x) < p_limit then
          ids := ids || array(select a.id from accounts a where a.workspace_id = ws and a.deleted_at is null
            and coalesce(qa, qn) <% immutable_unaccent_lower(a.name) limit fuzzy_cap);
        end if;

        -- Domains are scored for the accounts found by domain; the others show their first domain.
        return query
          select r.id, r.name,
            coalesce(r.domain, (select min(d.domain) from account_domains d where d.account_id = r.id and d.workspace_id = ws)), r.score
          from (
            select a.id, a.name, dom.domain,
              greatest(search_name_score(qn, qa, a.name), 0.9 * coalesce(dom.score, 0)) as score
            from accounts a
            left join lateral (
              select d.domain, search_score(qd, d.domain) as score
              from account_domains d where a.id = any(dom_ids) and d.account_id = a.id and d.workspace_id = ws
              order by 2 desc, d.domain limit 1
            ) dom on true
            where a.id = any(ids) and a.workspace_id = ws and a.deleted_at is null
            order by 4 desc, a.name, a.id
            limit p_limit
          ) r
          order by r.score desc, r.name, r.id;
      end
    $$;

    create function search_contacts(p_workspace_id uuid, p_q text, p_limit int)
      returns table (id uuid, title text, subtitle text, score double precision)
      language plpgsql stable security definer
      set search_path = public set plan_cache_mode = force_custom_plan set pg_trgm.word_similarity_threshold = 0.5 as $$
      declare
        -- The caller names its workspace; it must be the transaction's (what row-level security would allow).
        ws uuid := case when p_workspace_id = app_workspace_id() then p_workspace_id end;
        qn text := immutable_unaccent_lower(btrim(p_q));
        qa text := search_alternative(immutable_unaccent_lower(btrim(p_q)));
        qe text := lower(btrim(p_q));
        tsq tsquery;
        cap int := greatest(p_limit * 10, 100);
        ids uuid[] := '{}';
        fuzzy_cap int := greatest(p_limit * 20, 200);
      begin
        if ws is null or qn = '' then return; end if;
        if qa = qn then qa := null; end if;
        tsq := search_prefix_tsquery(qn);
        if qa is not null then tsq := coalesce(tsq || search_prefix_tsquery(qa), search_prefix_tsquery(qa)); end if;

        if tsq is not null then
          ids := ids || array(select c.id from contacts c where c.workspace_id = ws and c.deleted_at is null and c.search @@ tsq limit cap);
        end if;
        if position('@' in qe) > 0 then
          ids := ids || array(select c.id from contacts c where c.workspace_id = ws and c.deleted_at is null and c.emails @> array[qe] limit cap);
        end if;
        if length(qe) >= 3 and qe !~ '\\s' then
          ids := ids || array(select c.id from contacts c where c.workspace_id = ws and c.deleted_at is null
            and contact_email_text(c.emails) like '%' || search_like_escape(qe) || '%' limit cap);
        end if;

        if (select count(distinct x) from unnest(ids) x) < p_limit then
          ids := ids || array(select c.id from contacts c where c.workspace_id = ws and c.deleted_at is null
            and coalesce(qa, qn) <% immutable_unaccent_lower(c.first_name || ' ' || c.last_name) limit fuzzy_cap);
        end if;

        return query
          select c.id, btrim(c.first_name || ' ' || c.last_name), nullif(concat_ws(' · ', em.email, a.name), ''),
            greatest(search_name_score(qn, qa, c.first_name || ' ' || c.last_name), coalesce(em.score, 0)) as score
          from contacts c
          left join accounts a on a.id = c.account_id and a.workspace_id = ws and a.deleted_at is null
          left join lateral (
            select e as email, search_score(qe, e) as score from unnest(c.emails) e order by 2 desc, e limit 1
          ) em on true
          where c.id = any(ids) and c.workspace_id = ws and c.deleted_at is null
          order by 4 desc, c.last_name, c.first_name, c.id
          limit p_limit;
      end
    $$;

    create function search_opportunities(p_workspace_id uuid, p_q text, p_limit int)
      returns table (id uuid, title text, subtitle text, score double precision)
      language plpgsql stable security definer
      set search_path = public set plan_cache_mode = force_custom_plan set pg_trgm.word_similarity_threshold = 0.5 as $$
      declare
        -- The caller names its workspace; it must be the transaction's (what row-level security would allow).
        ws uuid := case when p_workspace_id = app_workspace_id() then p_workspace_id end;
        qn text := immutable_unaccent_lower(btrim(p_q));
        qa text := search_alternative(immutable_unaccent_lower(btrim(p_q)));
        tsq tsquery;
        cap int := greatest(p_limit * 10, 100);
        ids uuid[] := '{}';
        fuzzy_cap int := greatest(p_limit * 20, 200);
      begin
        if ws is null or qn = '' then return; end if;
        if qa = qn then qa := null; end if;
        tsq := search_prefix_tsquery(qn);
        if qa is not null then tsq := coalesce(tsq || search_prefix_tsquery(qa), search_prefix_tsquery(qa)); end if;

        if tsq is not null then
          ids := ids || array(select o.id from opportunities o where o.workspace_id = ws and o.deleted_at is null and o.search @@ tsq limit cap);
        end if;
        if (select count(distinct x) from unnest(ids) x) < p_limit then
          ids := ids || array(select o.id from opportunities o where o.workspace_id = ws and o.deleted_at is null
            and coalesce(qa, qn) <% immutable_unaccent_lower(o.name) limit fuzzy_cap);
        end if;

        return query
          select o.id, o.name, concat_ws(' · ', a.name, o.stage),
            search_name_score(qn, qa, o.name) as score
          from opportunities o
          join accounts a on a.id = o.account_id
          where o.id = any(ids) and o.workspace_id = ws and o.deleted_at is null
          order by 4 desc, o.name, o.id
          limit p_limit;
      end
    $$;

    -- The contacts of the current workspace holding an email address (the contact list's email filter).
    create function contacts_with_email(p_workspace_id uuid, p_email text) returns setof uuid
      language sql stable security definer set search_path = public as $$
        select c.id from contacts c
        where c.workspace_id = p_workspace_id and p_workspace_id = app_workspace_id() and c.emails @> array[lower(btrim(p_email))]
      $$;
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('migrations are forward-only');
}

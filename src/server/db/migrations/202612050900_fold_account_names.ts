import { type Kysely, sql } from 'kysely';

/**
 * Account names get the stored folded key opportunities have (`name_key`), and name filters
 * of every list go through SECURITY DEFINER look-ups.
 *
 * - `immutable_unaccent_lower()` skips `translate()` for names that are plain ASCII (most of them):
 *   the same result, about 20 times cheaper. Indexes built with it stay valid.
 * - Accounts: `name_key` is folded once per write; the list order, the name prefix, trigram and
 *   full-text indexes are built on it instead of each calling the folding again (an insert paid
 *   for it three times). The `search` column goes: full text is an index on `name_key` now.
 *   Opportunities drop their `search` column likewise; partners get a `name_key` to sort by.
 * - `GET /accounts?q=` and `GET /contacts?q=` read through `account_ids_named_like()` and
 *   `contact_ids_matching()`: under row-level security a LIKE could not use the trigram index.
 * - `search_opportunities()` matched typos against `immutable_unaccent_lower(name)`, an expression
 *   no index holds: a seq scan of the workspace. It uses the indexed `name_key` now, and
 *   `search_accounts()` the new account key.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function immutable_unaccent_lower(text) returns text language sql immutable parallel safe as $$
      select case when octet_length($1) = length($1) then lower($1) else lower(translate($1,
        'ÄÖÜäöüßÀÁÂÃÅàáâãåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕØòóôõøÙÚÛùúûÇçÑñŠšŽžŁłŃńŚśŹźŻż',
        'AOUaousAAAAAaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUuuuCcNnSsZzLlNnSsZzZz')) end
    $$;

    drop index accounts_list_idx;
    drop index accounts_name_trgm_idx;
    drop index accounts_name_prefix_idx;
    drop index accounts_search_idx;
    alter table accounts drop column search;
    alter table accounts add column name_key text generated always as (immutable_unaccent_lower(name)) stored;
    create index accounts_name_key_idx on accounts (workspace_id, name_key, id) where deleted_at is null;
    create index accounts_name_prefix_idx on accounts (workspace_id, name_key text_pattern_ops) where deleted_at is null;
    create index accounts_name_trgm_idx on accounts using gin (name_key gin_trgm_ops);
    create index accounts_search_idx on accounts using gin (to_tsvector('simple', name_key));
    create index accounts_deleted_idx on accounts (workspace_id, deleted_at) where deleted_at is not null;

    drop index partners_workspace_name_idx;
    alter table partners add column name_key text generated always as (immutable_unaccent_lower(name)) stored;
    create index partners_name_key_idx on partners (workspace_id, name_key, id) where deleted_at is null;

    drop index opportunities_search_idx;
    alter table opportunities drop column search;
    create index opportunities_search_idx on opportunities using gin (to_tsvector('simple', name_key));

    -- Ids of the workspace's accounts (deleted ones too) whose folded name is LIKE the pattern
    -- (escaped and folded by the caller), at most p_cap of them.
    create function account_ids_named_like(p_workspace_id uuid, p_pattern text, p_cap int) returns setof uuid
      language plpgsql stable security definer set search_path = public set plan_cache_mode = force_custom_plan as $$
      begin
        -- The caller names its workspace; it must be the transaction's (what row-level security would allow).
        if p_workspace_id is distinct from app_workspace_id() then return; end if;
        return query select a.id from accounts a where a.workspace_id = p_workspace_id and a.name_key like p_pattern limit p_cap;
      end
    $$;

    -- Ids of the workspace's contacts whose folded name or any email address is LIKE the pattern
    -- (escaped and folded by the caller), at most p_cap of them.
    create function contact_ids_matching(p_workspace_id uuid, p_pattern text, p_cap int) returns setof uuid
      language plpgsql stable security definer set search_path = public set plan_cache_mode = force_custom_plan as $$
      begin
        if p_workspace_id is distinct from app_workspace_id() then return; end if;
        return query
          select m.id from (
            select c.id from contacts c where c.workspace_id = p_workspace_id
              and immutable_unaccent_lower(c.first_name || ' ' || c.last_name) like p_pattern
            union
            select c.id from contacts c where c.workspace_id = p_workspace_id and contact_email_text(c.emails) like p_pattern
          ) m limit p_cap;
      end
    $$;
  `.execute(db);

  await sql`
    create or replace function search_accounts(p_workspace_id uuid, p_q text, p_limit int)
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
          and a.name_key like search_like_escape(qn) || '%' order by a.name_key using ~<~ limit p_limit);
        if qa is not null then
          ids := ids || array(select a.id from accounts a where a.workspace_id = ws and a.deleted_at is null
            and a.name_key like search_like_escape(qa) || '%' order by a.name_key using ~<~ limit p_limit);
        end if;
        if tsq is not null then
          ids := ids || array(select a.id from accounts a where a.workspace_id = ws and a.deleted_at is null
            and to_tsvector('simple', a.name_key) @@ tsq limit cap);
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
              and a.name_key like search_like_escape(replace(split_part(qd, '.', 1), '-', ' ')) || '%'
              order by a.name_key using ~<~ limit p_limit);
          end if;
          ids := ids || dom_ids;
        end if;

        -- Typos: trigram word similarity on the name, only when the precise ways found too little.
        -- One trigram scan, with the umlaut spelling when there is one: muller is close to both
        -- Müller and Mueller, while mueller is far from Müller once a typo comes on top.
        if not is_domain and (select count(distinct x) from unnest(ids) x) < p_limit then
          ids := ids || array(select a.id from accounts a where a.workspace_id = ws and a.deleted_at is null
            and coalesce(qa, qn) <% a.name_key limit fuzzy_cap);
        end if;

        -- Domains are scored for the accounts found by domain; the others show their first domain.
        return query
          select r.id, r.name,
            coalesce(r.domain, (select min(d.domain) from account_domains d where d.account_id = r.id and d.workspace_id = ws)), r.score
          from (
            select a.id, a.name, dom.domain,
              greatest(search_score(qn, a.name_key), 0.95 * search_score(qa, a.name_key), 0.9 * coalesce(dom.score, 0)) as score
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

    create or replace function search_opportunities(p_workspace_id uuid, p_q text, p_limit int)
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
          ids := ids || array(select o.id from opportunities o where o.workspace_id = ws and o.deleted_at is null
            and to_tsvector('simple', o.name_key) @@ tsq limit cap);
        end if;
        if (select count(distinct x) from unnest(ids) x) < p_limit then
          ids := ids || array(select o.id from opportunities o where o.workspace_id = ws and o.deleted_at is null
            and coalesce(qa, qn) <% o.name_key limit fuzzy_cap);
        end if;

        return query
          select o.id, o.name, concat_ws(' · ', a.name, o.stage),
            greatest(search_score(qn, o.name_key), 0.95 * search_score(qa, o.name_key)) as score
          from opportunities o
          join accounts a on a.id = o.account_id
          where o.id = any(ids) and o.workspace_id = ws and o.deleted_at is null
          order by 4 desc, o.name, o.id
          limit p_limit;
      end
    $$;
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error('migrations are forward-only');
}

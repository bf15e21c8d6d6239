"""Synthetic stores for the dashboard: a small hand-made one (tests, demos) and a large random one
with realistic shapes (benchmarks), both written through Store.add_batch like real ingests.

The large one draws heavy-tailed dyads among ~150 countries, PLOVER types skewed to CONSULT and
AGREE, dates over several years and a few trade figures; nothing in it is real news.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from pipeline.schema import EXTRACTOR_VERSION, PLOVER_TYPES, QUAD_CLASS, STATUSES, record_id

# How often each PLOVER root appears: verbal cooperation dominates news about pairs of states
# (as in ICEWS/PLOVER-coded corpora); the tail types are rare but present.
TYPE_WEIGHTS: dict[str, float] = {
    "CONSULT": 30, "AGREE": 16, "SUPPORT": 8, "CONCEDE": 1.5, "COOPERATE": 9, "AID": 3, "RETREAT": 0.8,
    "REQUEST": 6, "ACCUSE": 7, "REJECT": 4, "THREATEN": 3, "PROTEST": 2.5, "SANCTION": 2.5,
    "MOBILIZE": 1.5, "COERCE": 2, "ASSAULT": 2.2,
}
STATUS_WEIGHTS: dict[str, float] = {"occurred": 74, "planned": 12, "ongoing": 8, "negated": 4, "hypothetical": 2}
MODES: dict[str, str] = {"CONSULT": "visit", "AGREE": "agreement", "AID": "economic", "SANCTION": "economic",
                         "ASSAULT": "military", "MOBILIZE": "military"}
VERBS: dict[str, str] = {
    "AGREE": "agreed with", "CONSULT": "held talks with", "SUPPORT": "voiced support for",
    "CONCEDE": "made concessions to", "COOPERATE": "signed a cooperation deal with", "AID": "sent aid to",
    "RETREAT": "withdrew troops from the border with", "REQUEST": "asked for help from",
    "ACCUSE": "accused", "REJECT": "rejected a proposal from", "THREATEN": "threatened",
    "PROTEST": "lodged a protest with", "SANCTION": "imposed sanctions on", "MOBILIZE": "moved troops toward",
    "COERCE": "expelled diplomats of", "ASSAULT": "shelled positions in",
}
OUTLETS = ("Reuters", "AP", "AFP", "Yonhap", "Xinhua", "Kyodo", "BBC", "Al Jazeera", "DW", "Anadolu")
FIGURE_SHARE = 0.03          # fraction of records that are trade figures
RECORDS_PER_ARTICLE = 8
FIRST_DAY, LAST_DAY = date(2021, 1, 1), date(2026, 11, 20)


# The head of the heavy tail: states that dominate international news coverage, most first.
NEWSWORTHY = ("USA", "CHN", "RUS", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "IND", "JPN", "TUR", "KOR",
              "PRK", "SAU", "PAK", "EGY", "SYR", "TWN", "BRA", "AUS", "CAN", "ITA", "POL", "QAT", "ARE",
              "VNM", "PHL", "IDN", "MEX", "AFG", "IRQ", "LBN", "VEN", "SRB", "XKX", "ZAF", "NGA", "ETH", "SGP")


def _country_codes(limit: int = 150) -> list[str]:
    """~150 ISO3 codes from the gazetteer in news-weight order: NEWSWORTHY first, then a fixed
    random draw of the rest (the Zipf weights in synth_batches follow this order)."""
    from pipeline.gazetteer import countries

    known = countries()
    head = [c for c in NEWSWORTHY if c in known]
    rest = sorted(set(known) - set(head))
    rng = np.random.default_rng(7)           # fixed: the same countries in every synthetic store
    tail = [rest[i] for i in rng.choice(len(rest), size=max(0, min(limit, len(known)) - len(head)), replace=False)]
    return head + tail


def synth_batches(n_records: int, seed: int = 0, batch_records: int = 100_000,
                  codes: list[str] | None = None) -> Iterator[tuple[list[dict], list[dict]]]:
    """(articles, records) batches totalling n_records records, deterministic for a seed."""
    rng = np.random.default_rng(seed)
    codes = codes or _country_codes()
    k = len(codes)
    # Heavy tail: the country at position i is picked with weight 1/(i+1)^1.1.
    rank = np.arange(k) + 1
    w_country = 1.0 / rank ** 1.1
    w_country /= w_country.sum()
    types = np.array(PLOVER_TYPES)
    w_type = np.array([TYPE_WEIGHTS[t] for t in PLOVER_TYPES], dtype=float)
    w_type /= w_type.sum()
    statuses = np.array(STATUSES)
    w_status = np.array([STATUS_WEIGHTS[s] for s in STATUSES], dtype=float)
    w_status /= w_status.sum()
    span = (LAST_DAY - FIRST_DAY).days
    done, art_no = 0, 0
    while done < n_records:
        n = min(batch_records, n_records - done)
        n_art = max(1, n // RECORDS_PER_ARTICLE)
        src = rng.choice(k, size=n, p=w_country)
        tgt = rng.choice(k, size=n, p=w_country)
        clash = src == tgt
        tgt[clash] = (tgt[clash] + 1 + rng.integers(0, k - 1, clash.sum())) % k
        # News volume grows over the years: squared-uniform days lean toward the recent end.
        pub_days = (np.sqrt(rng.random(n_art)) * span).astype(int)
        art_of = np.sort(rng.integers(0, n_art, n))
        etype = rng.choice(types, size=n, p=w_type)
        status = rng.choice(statuses, size=n, p=w_status)
        is_fig = rng.random(n) < FIGURE_SHARE
        offset = rng.integers(-20, 1, n)
        conf = np.round(rng.beta(6, 2, n), 3)
        share = np.round(rng.gamma(2.0, 5.0, n), 1)
        articles = []
        for j in range(n_art):
            pub = FIRST_DAY + timedelta(days=int(pub_days[j]))
            aid = f"synth-{seed}-{art_no + j:08d}"
            articles.append({"article_id": aid, "key": f"id:{aid}", "title": f"Synthetic report {art_no + j}",
                             "url": f"https://example.org/synth/{seed}/{art_no + j}", "source": OUTLETS[j % 10],
                             "published": pub, "language": "en", "origin": "synth", "text": "",
                             "n_chars": 0, "extractor_version": EXTRACTOR_VERSION, "ingested_at": None})
        records = []
        for i in range(n):
            a = int(art_of[i])
            art = articles[a]
            pub = art["published"]
            s, t = codes[src[i]], codes[tgt[i]]
            rec = {"article_id": art["article_id"], "source": s, "target": t, "source_text": s, "target_text": t,
                   "sentence_index": i, "char_start": 0, "char_end": 80, "confidence": float(conf[i]),
                   "published": pub, "extractor_version": EXTRACTOR_VERSION, "date_text": None}
            if is_fig[i]:
                rec.update(kind="figure", indicator="trade_share", value=float(share[i]), unit="percent",
                           approximate=bool(i % 2), period=str(pub.year - 1), date_start=None, date_end=None,
                           date_precision=None, quad_class=None,
                           evidence=f"{t} accounts for about {share[i]:g}% of {s}'s trade.")
                label = "trade_share"
            else:
                et, st = str(etype[i]), str(status[i])
                # Planned events lie ahead of their report; the rest a little before it.
                when = pub + timedelta(days=int(-offset[i] if st == "planned" else offset[i]))
                rec.update(kind="event", event_type=et, quad_class=QUAD_CLASS[et], mode=MODES.get(et),
                           context=None, status=st, date_start=when, date_end=when, date_precision="day",
                           evidence=f"{s} {VERBS[et]} {t} ({st}).")
                label = et
            rec["record_id"] = record_id(rec["article_id"], rec["kind"], i, s, t, label, 0)
            records.append(rec)
        done += n
        art_no += n_art
        yield articles, records


def write_synth(root: str | Path, n_records: int, seed: int = 0, batch_records: int = 100_000,
                progress=None) -> int:
    """Write a synthetic store (then its de-duplicated events); returns the final store version."""
    from pipeline.store import Store

    store = Store(root)
    done = 0
    for articles, records in synth_batches(n_records, seed, batch_records):
        store.add_batch(articles, records, [])
        done += len(records)
        if progress:
            progress(done)
    store.rebuild_events()
    return store.version


def sample_rows() -> tuple[list[dict], list[dict]]:
    """A small hand-made store around the seed article's story (KOR, CHN, PRK, USA, JPN): planned
    and past visits, a rejection, sanctions and two reports of China's share of Korea's trade."""
    arts = [
        ("s1", "Lee to visit China from January 4 to 7", "2025-12-30", "Reuters", "https://example.org/s1"),
        ("s2", "Xi wraps up first trip to Seoul in 11 years", "2025-11-02", "Yonhap", "https://example.org/s2"),
        ("s3", "Korea trade data show China's weight", "2024-06-15", "Kyodo", "https://example.org/s3"),
        ("s4", "Pyongyang rebuffs Seoul again", "2025-10-01", "AP", "https://example.org/s4"),
        ("s5", "US and Japan discuss tariffs", "2025-03-10", "DW", "https://example.org/s5"),
        ("s6", "Seoul confirms Lee's Beijing trip", "2025-12-31", "AFP", "https://example.org/s6"),
    ]
    articles = [{"id": a, "title": t, "published": p, "source": o, "url": u, "text": t} for a, t, p, o, u in arts]
    rows = [
        ("s1", "event", "KOR", "CHN", "CONSULT", "planned", "visit", "2026-01-04", "2026-01-07",
         "South Korean President Lee Jae Myung will make a state visit to China from January 4 to 7.", 0.9),
        ("s6", "event", "KOR", "CHN", "CONSULT", "planned", "visit", "2026-01-04", "2026-01-07",
         "Lee will travel to Beijing on January 4 for a four-day state visit, his office said.", 0.85),
        ("s1", "event", "KOR", "CHN", "REQUEST", "occurred", None, "2025-11-01", "2025-11-01",
         "Lee sought his help in efforts to resume talks with North Korea.", 0.7),
        ("s2", "event", "CHN", "KOR", "CONSULT", "occurred", "visit", "2025-11-01", "2025-11-01",
         "Xi visited South Korea on his first trip in 11 years.", 0.85),
        ("s4", "event", "PRK", "KOR", "REJECT", "occurred", None, "2025-09-30", "2025-09-30",
         "North Korea has rebuffed any calls for dialogue with Seoul.", 0.8),
        ("s4", "event", "CHN", "KOR", "SANCTION", "occurred", None, "2017-03-01", "2017-12-31",
         "Beijing's effective ban on K-pop content followed the missile defence deployment.", 0.6),
        ("s5", "event", "USA", "JPN", "CONSULT", "occurred", None, "2025-03-09", "2025-03-09",
         "US and Japanese officials discussed tariffs in Washington.", 0.75),
        ("s5", "event", "USA", "KOR", "SUPPORT", "ongoing", None, None, None,
         "The United States is South Korea's military ally.", 0.65),
    ]
    records = []
    for i, (aid, kind, s, t, et, st, mode, d0, d1, ev, conf) in enumerate(rows):
        records.append({"record_id": record_id(aid, kind, i, s, t, et, 0), "article_id": aid, "kind": kind,
                        "source": s, "target": t, "source_text": s, "target_text": t, "event_type": et,
                        "status": st, "mode": mode, "date_start": d0, "date_end": d1, "evidence": ev,
                        "sentence_index": i, "char_start": 0, "char_end": len(ev), "confidence": conf,
                        "published": next(p for a, _, p, _, _ in arts if a == aid)})
    figs = [("s1", "KOR", "CHN", "trade_share", 20.0, "2024", "2025-12-30",
             "China accounts for about 20% of South Korea's overall trade."),
            ("s3", "KOR", "CHN", "trade_share", 24.0, "2023", "2024-06-15",
             "China took 24% of South Korea's trade last year."),
            ("s3", "KOR", "USA", "trade_share", 13.5, "2023", "2024-06-15",
             "The United States accounted for 13.5% of South Korea's trade."),
            ("s1", "KOR", "CHN", "trade_partner_rank", 1.0, None, "2025-12-30",
             "China is South Korea's largest trading partner.")]
    for j, (aid, s, t, ind, val, period, pub, ev) in enumerate(figs, start=len(rows)):
        records.append({"record_id": record_id(aid, "figure", j, s, t, ind, 0), "article_id": aid,
                        "kind": "figure", "source": s, "target": t, "source_text": s, "target_text": t,
                        "indicator": ind, "value": val, "unit": "percent" if ind.endswith("share") else "rank",
                        "approximate": val == 20.0, "period": period, "evidence": ev, "sentence_index": j,
                        "char_start": 0, "char_end": len(ev), "confidence": 0.8, "published": pub})
    return articles, records


def write_sample(root: str | Path, extra_articles: list[dict] | None = None,
                 extra_records: list[dict] | None = None) -> int:
    """Write the small sample store (plus any extra rows a test wants), then its events."""
    from pipeline.store import Store

    articles, records = sample_rows()
    store = Store(root)
    store.add_batch(articles + list(extra_articles or []), records + list(extra_records or []), [])
    store.rebuild_events()
    return store.version

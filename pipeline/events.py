"""Sentence -> country-pair interactions: a lexicon of PLOVER triggers plus rules for direction,
coordination, voice, negation and modality. Pure and fast; every record keeps its trigger words.

The rules and their rationale are in docs/events.md; figures in bench/plover_eval.py.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

from pipeline.schema import Mention

# --- the trigger lexicon ---------------------------------------------------------------------------
# Each entry: pattern -> (PLOVER root, mode, contexts, flags).
#   pattern: words separated by spaces; "V:" before a word expands it to its verb inflections,
#            "N:" to singular and plural; "*" allows up to six words within the clause ("lifted long-standing sanctions").
#   flags:   s = symmetric (X and Y met: both are actors, order = text order)
#            g = governing (its complement's triggers are absorbed: "refused to allow" is one REJECT)
#            r = relation (a standing tie: "X is Y's ally"; status ongoing)
#            n = nominal (the actor may be a possessive before it: "Beijing's ban on ...")
#            w = weak (a generic word: loses to any other trigger for the same pair)
#            p = partner only (a bare "trade" names a pair only with "with", "between" or "X-Y trade")
_L: dict[str, tuple[str, str | None, tuple[str, ...], str]] = {}


def _lex(root: str, mode: str | None, ctx: tuple[str, ...], flags: str, *patterns: str) -> None:
    for p in patterns:
        _L[p] = (root, mode, ctx, flags)


D, M, E, T = ("diplomatic",), ("military",), ("economic",), ("trade",)
# Operators on another trigger: lifting a sanction is a concession, suspending aid a sanction,
# cancelling a visit a rejection. Two fixed words beat one, so these win over their parts.
_RESTRICTIONS = ("N:sanction", "N:ban", "N:embargo", "N:blockade", "N:tariff", "N:restriction", "N:curb",
                 "N:boycott", "N:curfew", "N:siege", "N:control", "N:duty", "N:freeze", "N:suspension", "N:law")
_BENEFITS = ("N:aid", "N:assistance", "N:supply", "N:funding", "N:flight", "N:loan", "N:cooperation",
             "N:shipment", "N:delivery", "N:export", "N:import", "N:investment", "N:trade",
             "N:relation", "N:tie", "N:contact", "N:grant", "N:visa")
_lex("CONCEDE", "ease sanctions", E, "", *(f"{v} * {r}" for v in (
    "V:lift", "V:ease", "V:remove", "V:end", "V:relax", "V:roll back", "V:reduce", "V:scrap", "V:repeal",
    "V:drop", "V:loosen", "V:waive", "V:cancel", "V:rescind", "V:revoke", "V:abolish", "N:lifting",
    "N:easing", "N:removal", "N:end") for r in ["|".join(_RESTRICTIONS)]))
_lex("SANCTION", "reduce aid", E, "", *(f"{v} * {b}" for v in (
    "V:suspend", "N:suspension", "V:halt", "V:cut", "V:reduce", "V:freeze", "V:stop", "V:withhold",
    "V:cut off", "V:slash", "V:end", "V:cancel", "V:block", "V:restrict", "V:limit", "V:curb", "V:sever",
    "V:pull the plug on", "V:terminate") for b in ["|".join(_BENEFITS)]))
_lex("REJECT", "cancel", D, "", *(f"{v} * {b}" for v in (
    "V:cancel", "V:call off", "V:postpone", "V:scrap", "V:suspend", "V:break off", "V:walk out of")
    for b in ["N:visit|N:trip|N:meeting|N:talk|N:summit|N:negotiation|N:dialogue"]))
# AGREE: agree, sign, settle, promise
_lex("AGREE", None, D, "sg", "V:agree", "V:agree on", "V:agree with")
_lex("AGREE", "sign", D, "s", "V:sign", "N:agreement", "N:accord", "N:treaty", "N:pact", "N:deal", "V:ratify",
     "N:memorandum", "V:conclude * N:agreement", "V:reach * N:agreement", "V:reach * N:deal", "N:deal")
_lex("AGREE", None, D, "w", "N:offer")
_lex("AGREE", None, D, "g", "V:promise", "V:pledge", "V:vow", "V:offer to", "V:commit", "willing to", "V:accept",
     "V:guarantee", "ready to", "V:consent", "V:settle", "N:settlement", "V:endorse * N:plan")
_lex("CONCEDE", "ceasefire", M, "sn", "N:ceasefire", "N:truce", "N:armistice", "N:cease-fire")
# CONSULT: meet, visit, talk, host, phone, negotiate, discuss
_lex("CONSULT", "meet", D, "sn", "V:meet", "V:meet with", "N:meeting", "N:summit", "N:talk", "V:talk",
     "V:talk to", "V:talk with", "N:discussion", "V:negotiate", "N:negotiation", "N:dialogue", "N:consultation",
     "V:consult", "V:confer", "V:speak with", "V:speak to", "V:hold * N:talk", "V:hold * N:discussion",
     "N:encounter", "V:convene")
_lex("CONSULT", "meet", D, "", "V:discuss")
_lex("CONSULT", "meet", D, "w", "V:receive", "V:attend")
_lex("CONSULT", "visit", D, "n", "V:visit", "N:visit", "N:trip", "state visit", "V:tour", "V:travel to")
_lex("CONSULT", "host", D, "", "V:host", "V:invite", "N:invitation", "V:welcome * N:counterpart")
_lex("CONSULT", "call", D, "", "V:phone", "N:phone call", "N:telephone call", "V:telephone", "phoned",
     "phone conversation", "V:call")
_lex("CONSULT", "mediate", D, "", "V:mediate", "N:mediation")
# SUPPORT: praise, back, endorse, ally, defend verbally
_lex("SUPPORT", None, D, "", "V:praise", "backed", "backs", "backing", "V:endorse", "V:support", "N:support",
     "V:defend", "V:applaud", "V:commend", "V:congratulate", "V:thank", "V:hail", "V:welcome", "N:solidarity",
     "V:recognise", "V:recognize", "N:recognition", "V:side with", "V:stand by", "V:stand with", "V:back")
_lex("SUPPORT", None, D, "rn", "N:ally", "allies", "N:alliance", "N:lifeline", "N:friend", "N:backer",
     "N:supporter", "N:patron", "N:protector")
_lex("SUPPORT", None, D, "", "V:pledge * N:support", "V:express * N:support", "V:voice * N:support",
     "V:reaffirm * N:support", "V:reaffirm * N:commitment", "V:award", "V:honour",
     "V:honor", "V:convey * N:support", "V:assure")
_lex("SUPPORT", None, D, "s", "V:establish * diplomatic ties", "V:establish * diplomatic relations",
     "V:establish * ties", "V:establish * relations", "V:restore * ties", "V:restore * relations",
     "V:normalise * ties", "V:normalize * ties", "V:normalise * relations", "V:normalize * relations",
     "V:resume * ties", "V:resume * relations", "V:improve * ties", "V:improve * relations", "V:mend * ties",
     "V:strengthen * ties", "V:strengthen * relations", "V:deepen * ties", "V:boost * ties",
     "V:develop * ties", "V:develop * relations", "diplomatic ties", "diplomatic relations")
# CONCEDE: ease, yield, apologise, release, lift sanctions
_lex("CONCEDE", None, D, "", "V:ease", "V:yield", "V:apologise", "V:apologize", "N:apology", "V:concede",
     "V:compromise", "V:relax", "V:pardon", "V:reopen", "V:back down", "V:soften",
     "V:waive", "V:lift", "V:unfreeze", "V:grant", "V:exempt", "N:exemption", "N:concession")
_lex("CONCEDE", None, D, "w", "V:allow", "V:permit")
_lex("CONCEDE", "release", D, "n", "V:release", "N:release", "freed", "frees", "freeing", "V:free",
     "V:return", "N:return", "V:repatriate", "N:repatriation", "V:hand back", "V:unblock", "V:repeal")
# COOPERATE: cooperate, trade/economic/military cooperation, joint exercise, extradite, share intelligence
_lex("COOPERATE", None, D, "sn", "V:cooperate", "N:cooperation", "V:co-operate", "N:co-operation",
     "V:collaborate", "N:collaboration", "V:work with", "V:work together", "V:partner with", "V:team up",
     "V:join forces", "N:partnership")
_lex("COOPERATE", None, E, "rn", "N:partner", "trading partner", "N:neighbour", "N:neighbor")
_lex("COOPERATE", None, E, "gr", "V:rely on", "V:depend on", "V:invest", "N:investment")
_lex("COOPERATE", "trade", T, "snp", "N:trade")
_lex("COOPERATE", "trade", T, "sn", "V:trade with", "trade with", "free trade", "N:export to",
     "V:export to", "V:import from")
_lex("COOPERATE", "exercise", M, "sn", "joint N:exercise", "joint military N:exercise", "joint N:drill",
     "joint N:patrol", "N:war game", "N:wargame", "joint N:operation", "N:drill", "military N:exercise",
     "naval N:exercise")
_lex("COOPERATE", "extradite", D, "", "V:extradite", "N:extradition",
     "V:share * N:intelligence|information|N:evidence|data|N:record|N:technology", "V:train", "N:training",
     "V:coordinate", "N:coordination")
# AID: aid, give, donate, lend, send humanitarian/military aid
_lex("AID", None, E, "n", "N:aid", "V:aid", "N:assistance", "V:donate", "N:donation", "N:donor", "V:lend",
     "V:deliver", "V:contribute", "N:contribution", "V:extend * N:loan|N:credit",
     "N:help", "V:assist", "humanitarian N:aid", "V:send",
     "N:grant", "V:shelter", "V:rescue", "V:host * N:refugee", "N:peacekeeper",
     "N:peacekeeping", "V:airlift", "V:hand over",
     "V:accept * N:refugee|N:migrant|N:people|N:asylum|N:asylum-seeker", "V:open * N:border", "V:take in")
_lex("AID", None, E, "w", "N:loan", "V:evacuate", "V:protect", "V:give", "V:provide", "V:help", "N:relief", "V:supply",
     "V:fund", "N:funding", "V:finance")
_lex("COOPERATE", "trade", T, "w", "V:sell", "V:buy", "V:purchase", "N:purchase")
_lex("AID", "military aid", M, "n", "military N:aid", "N:arms sale", "N:arms deal", "N:weapons sale",
     "V:supply * N:weapon|N:arm|N:ammunition", "V:sell * N:weapon|N:arm", "V:send * N:weapon|N:arm",
     "V:deliver * N:weapon|N:arm", "V:provide * N:weapon|N:arm|N:ammunition")
# RETREAT: withdraw troops, retreat, demobilise
_lex("RETREAT", "withdraw", M, "w", "leaving", "V:evacuate * N:embassy|N:troop|N:personnel|N:staff")
_lex("RETREAT", "withdraw", M, "n", "V:withdraw", "N:withdrawal", "V:retreat", "N:retreat", "V:pull out",
     "V:pull back", "V:demobilise", "V:demobilize", "N:pullout", "V:pull * N:troop")
# REQUEST: ask, urge, call on, appeal, seek help, demand
_lex("REQUEST", None, D, "g", "V:ask", "V:urge", "V:call on", "V:call upon", "V:call for", "N:call for",
     "V:appeal", "N:appeal", "V:seek", "V:demand", "N:demand", "V:request", "N:request", "V:press",
     "V:insist", "V:implore", "V:plead", "V:petition", "V:lobby", "V:beg", "V:encourage", "V:invite * to")
_lex("REQUEST", None, D, "w", "must", "should")
# ACCUSE: accuse, blame, criticise, condemn, denounce, allege, sue, investigate, concerned about
_lex("ACCUSE", None, D, "gn", "V:accuse", "N:accusation", "V:blame", "V:criticise", "V:criticize",
     "N:criticism", "V:condemn", "N:condemnation", "V:denounce", "V:allege", "N:allegation", "V:sue",
     "N:lawsuit", "V:investigate", "N:investigation", "N:probe", "V:probe", "concerned about",
     "concerned over", "concerns about", "concerns over", "N:concern about", "N:concern over",
     "V:complain", "N:complaint", "V:fault", "V:charge", "V:convict", "V:slam", "V:lambast", "V:rebuke",
     "V:censure", "V:blast", "V:decry", "V:deplore", "V:chide", "V:scold", "V:berate", "V:castigate",
     "V:summon", "V:indict", "V:prosecute", "V:mock",
     "V:slam", "V:assail", "V:reprimand", "N:protest note", "V:lodge * N:protest", "V:file * N:complaint",
     "V:file * N:lawsuit", "V:raise * N:concern", "V:express * N:concern", "N:smear", "V:insult")
# REJECT: reject, refuse, deny, veto, rebuff, dismiss
_lex("REJECT", None, D, "gs", "V:fail to reach", "V:fail to agree")
_lex("REJECT", None, D, "gn", "V:reject", "N:rejection", "V:refuse", "N:refusal", "V:deny", "N:denial",
     "V:veto", "N:veto", "V:rebuff", "V:dismiss", "V:turn down", "V:refute", "V:oppose", "N:opposition",
     "V:resist", "V:defy", "V:ignore", "V:decline", "V:spurn", "V:snub", "V:disregard", "V:disagree",
     "V:disagree with", "V:object to", "V:block", "V:obstruct", "V:renege", "V:abandon", "V:quit",
     "V:withdraw from", "V:pull out of", "V:violate", "N:violation", "V:breach",
     "V:contest", "V:dispute", "N:dispute")
# THREATEN: threaten, warn, ultimatum
_lex("THREATEN", None, D, "gn", "V:threaten", "N:threat", "V:warn", "N:warning", "N:ultimatum",
     "V:menace", "V:intimidate", "N:deadline", "N:intimidation", "V:vow * to retaliate", "V:vow * revenge")
# PROTEST: protest, demonstrate, boycott, strike
_lex("PROTEST", None, D, "w", "V:demonstrate", "N:demonstration")
_lex("PROTEST", None, D, "n", "V:protest", "N:protest",
     "V:boycott", "N:boycott", "V:rally", "N:rally", "V:walk out", "N:walkout", "N:demonstrator",
     "N:protester", "N:protestor")
# SANCTION: sanction, embargo, ban, expel diplomats, cut ties, tariffs, freeze assets, export controls
_lex("SANCTION", None, E, "n", "V:sanction", "N:sanction", "N:embargo", "V:embargo", "V:ban", "N:ban",
     "N:tariff", "V:freeze * N:asset", "N:asset freeze", "controls", "export N:control", "capital N:control", "N:restriction",
     "V:restrict", "V:blacklist", "V:penalise", "V:penalize", "N:penalty", "V:boycott * N:good",
     "V:halt", "V:suspend", "N:suspension", "V:cancel", "V:postpone", "V:cut off", "V:curb",
     "N:curb", "V:downgrade", "V:close * N:embassy|N:border|N:consulate|N:airspace|N:port|N:crossing",
     "N:closure", "V:shut", "V:shut down", "V:bar", "V:exclude",
     "V:isolate", "N:duty", "N:levy", "V:stop")
_lex("SANCTION", None, E, "w", "V:cut")
_lex("SANCTION", "expel", D, "n", "V:expel", "N:expulsion", "V:recall * N:ambassador",
     "V:cut * ties", "V:cut * relations", "V:sever * ties", "V:sever * relations", "V:break off",
     "V:break * ties", "V:break * relations", "V:break * links", "V:downgrade * ties",
     "V:declare * persona non grata", "persona non grata")
# MOBILIZE: deploy, mobilise, raise alert, missile system, military build-up
_lex("MOBILIZE", "deploy", M, "n", "V:deploy", "N:deployment", "V:mobilise", "V:mobilize",
     "N:mobilisation", "N:mobilization", "N:missile defence system", "N:missile defense system",
     "missile defence", "missile defense", "N:build-up", "N:buildup", "military build-up",
     "V:raise * N:alert", "high alert", "V:station", "V:mass * N:troop", "V:send * N:troop",
     "V:send * N:soldier", "V:send * N:warship", "V:dispatch", "N:reinforcement",
     "V:build up", "V:send * forces", "V:move * N:troop|N:battery|N:warship|N:force",
     "V:reinforce * N:troop|N:force|N:border|N:presence", "V:beef up * N:presence|N:troop|N:force",
     "V:put * on alert", "V:place * on alert", "N:troop presence")
_lex("MOBILIZE", "deploy", M, "w", "N:patrol", "V:patrol")
# COERCE: arrest, detain, seize, blockade, deport, curfew, cyberattack
_lex("COERCE", None, D, "n", "V:arrest", "N:arrest", "V:detain", "N:detention", "V:seize", "N:seizure",
     "V:blockade", "N:blockade", "V:deport", "N:deportation", "N:curfew", "N:cyberattack",
     "N:cyber attack", "N:cyber-attack", "V:hack", "N:hacking", "V:jail", "V:imprison",
     "N:imprisonment", "V:sentence", "V:confiscate", "V:expropriate", "V:raid", "N:raid", "V:capture",
     "V:intercept", "V:spy on", "N:espionage", "V:censor", "V:hold * N:hostage", "V:take * N:hostage",
     "V:apprehend", "V:round up", "V:crack down", "N:crackdown", "V:occupy", "N:occupation", "V:annex",
     "N:annexation", "forced", "V:coerce", "N:arrest warrant", "V:demolish", "N:demolition", "searched",
     "V:raid * N:embassy|N:home|N:residence|N:office|N:consulate")
_lex("COERCE", None, D, "w", "V:pressure", "N:pressure")
# ASSAULT: attack, strike, bomb, shell, kill, shoot, invade, clash
_lex("ASSAULT", None, M, "n", "V:attack", "N:attack", "V:strike", "N:strike", "N:airstrike", "N:air strike",
     "N:air raid", "V:bomb", "N:bombing", "V:bombard", "N:bombardment", "V:shell", "N:shelling", "V:kill",
     "N:killing", "V:shoot", "N:shooting", "V:shoot down", "V:invade", "N:invasion", "N:assault",
     "V:assault", "V:fire", "V:fire on", "V:fire at", "V:launch * N:missile",
     "V:launch * N:rocket", "V:launch * N:attack", "V:wound", "V:massacre", "N:massacre", "V:ambush",
     "N:ambush", "V:torpedo", "V:destroy", "V:abduct", "V:kidnap", "N:kidnapping", "N:abduction",
     "V:execute", "N:execution", "V:behead", "V:murder", "N:murder", "V:assassinate",
     "N:assassination", "N:offensive", "V:raze", "N:drone strike", "V:pound",
     "N:incursion", "V:torture", "N:torture", "N:sniper attack", "V:poison")
_lex("ASSAULT", "clash", M, "sn", "V:clash", "N:clash", "V:fight", "N:fighting", "N:war", "N:battle",
     "V:battle", "N:skirmish", "V:exchange * N:fire", "N:warfare", "cyber warfare",
     "military N:operation", "N:operation against", "N:aggression", "act of aggression")
_lex("ASSAULT", None, M, "w", "V:hit", "N:war", "N:conflict", "N:rocket", "N:missile", "targeted", "targeting",
     "N:hostilities")

_IRREGULAR = {
    "meet": ("met",), "speak": ("spoke", "spoken"), "give": ("gave", "given"), "seek": ("sought",),
    "hold": ("held",), "lend": ("lent",), "shoot": ("shot",), "fight": ("fought",), "strike": ("struck",
    "stricken"), "sell": ("sold",), "send": ("sent",), "withdraw": ("withdrew", "withdrawn"),
    "break": ("broke", "broken"), "take": ("took", "taken"), "cut": ("cut",), "shut": ("shut",),
    "hit": ("hit",), "bar": ("barred", "barring"), "ban": ("banned", "banning"), "quit": ("quit",),
    "freeze": ("froze", "frozen"), "forbid": ("forbade", "forbidden"), "build": ("built",),
    "stand": ("stood",), "rely": ("relied", "relies"), "arm": ("armed",), "bring": ("brought",),
    "lead": ("led",), "sue": ("sued", "sues", "suing"), "free": ("freed", "frees", "freeing"),
    "round": ("rounded",), "spy": ("spied", "spies", "spying"), "tour": ("toured",),
}
_DOUBLE = {"cancel", "travel", "signal", "fuel", "label", "counsel", "channel", "level", "ban", "bar", "ship", "plan", "stop", "shop", "drop", "rob", "hug", "nab", "jail", "cut",
           "hit", "shut", "quit", "sit", "spot", "step", "pin", "top", "slam", "chat"}


def _verb_forms(v: str) -> set[str]:
    forms = {v}
    forms.update(_IRREGULAR.get(v, ()))
    if v.endswith("e"):
        forms |= {v + "s", v + "d", v[:-1] + "ing"}
    elif v.endswith("y") and v[-2:-1] not in "aeiou":
        forms |= {v[:-1] + "ies", v[:-1] + "ied", v + "ing"}
    elif v.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {v + "es", v + "ed", v + "ing"}
    else:
        forms |= {v + "s", v + "ed", v + "ing"}
        if v in _DOUBLE or len(v) >= 3 and v[-1] not in "aeiouwxy" and v[-2] in "aeiou" and v[-3] not in "aeiou":
            forms |= {v + v[-1] + "ed", v + v[-1] + "ing"}  # "expelled", "banned" (extra forms are harmless)
    return forms


def _noun_forms(n: str) -> set[str]:
    if n.endswith("y") and n[-2:-1] not in "aeiou":
        return {n, n[:-1] + "ies"}
    if n.endswith(("s", "sh", "ch", "x", "z")):
        return {n, n + "es"}
    return {n, n + "s"}


@dataclass(slots=True, frozen=True)
class _Entry:
    words: tuple[frozenset[str] | None, ...]  # None = a gap of up to six words
    root: str
    mode: str  # the entry's mode, or the pattern's head word ("ban", "arrest", "airstrike")
    context: tuple[str, ...]
    flags: str
    length: int  # number of fixed words: longer patterns win


def _compile(lex: dict) -> dict[str, list[_Entry]]:
    index: dict[str, list[_Entry]] = {}
    for pattern, (root, mode, ctx, flags) in lex.items():
        parts: list[frozenset[str] | None] = []
        pieces = pattern.split()
        for i, w in enumerate(pieces):
            if w == "*":
                parts.append(None)
            elif "|" in w:  # alternatives: "N:sanction|N:ban"
                alts: set[str] = set()
                for a in w.split("|"):
                    alts |= _verb_forms(a[2:]) if a.startswith("V:") else _noun_forms(a[2:]) if a.startswith("N:") else {a}
                parts.append(frozenset(alts))
            elif w.startswith("V:"):
                parts.append(frozenset(_verb_forms(w[2:])))
            elif w.startswith("N:"):
                parts.append(frozenset(_noun_forms(w[2:])))
            elif i == len(pieces) - 1 and len(pieces) > 1 and not pattern.startswith(("V:", "N:")):
                parts.append(frozenset(_noun_forms(w)))
            else:
                parts.append(frozenset({w}))
        head = " ".join(w.split(":")[-1] for w in pieces if w != "*" and "|" not in w)
        entry = _Entry(tuple(parts), root, mode or head, ctx, flags, sum(1 for p in parts if p is not None))
        assert parts[0] is not None, pattern
        for first in parts[0]:
            index.setdefault(first, []).append(entry)
    for entries in index.values():
        entries.sort(key=lambda e: -e.length)
    return index


_INDEX = _compile(_L)
# Words that can be verbs: "Russia attacks" is a clause, "the U.S. alliance" a noun phrase.
_VERB_FORMS = frozenset(f for p in _L for w in p.split() if w.startswith("V:") for f in _verb_forms(w[2:]))
_NOUN_FORMS = frozenset(f for p in _L for w in p.split() if w.startswith("N:") for f in _noun_forms(w[2:]))

# --- function words --------------------------------------------------------------------------------
_FILLER = frozenset("a an the its their his her our new fresh further more some any two joint "
                    "diplomatic military economic formal official all".split())
_AUX = frozenset("is are was were be been being am has have had having will would shall should can could "
                 "may might must do does did also not n't never reportedly already still just then "
                 "now recently jointly formally officially again later first finally allegedly ".split())
_NEG = frozenset("not n't never no didn't don't doesn't won't wouldn't cannot can't isn't aren't wasn't "
                 "weren't hasn't haven't hadn't without neither nor".split())
_REFUSAL = frozenset("won't wouldn't".split())
_HYPO = frozenset("could may might would if unless whether possible possibly potential potentially "
                  "perhaps considering consider considers mull mulls mulling".split())
_PLAN = frozenset("will shall 'll plan plans planned planning scheduled expected due upcoming intends "
                  "intend intended set going prepares preparing proposed propose proposes".split())
_ONGOING = frozenset("trying continues continue continuing continued seeks seeking ongoing keeps "
                     "remains remain".split())
_COPULA = frozenset("is are was were remains remain be been".split())
_BE = frozenset("is are was were be been being".split())
_PREP_SKIP = frozenset("to with in into on against at toward towards for over about than between "
                       "onto near across inside via like including upon".split())
_COORD = frozenset({"and", ",", "or", "-", "&", "/", "as well as"})
_PRON_PERSON = frozenset("him his her".split())
_CLAUSE_END = frozenset({";", ":", "but", "while", "whereas", "although", "though", "because", "after",
                         "before", "since", "when", "as"})
_GROUP_WORDS = ("the two sides", "both sides", "the two countries", "both countries", "the two leaders",
                "both leaders", "the two nations", "both nations", "the two governments", "both governments")
_AGENTIVE = ("-led", "-backed", "-funded", "-sponsored", "-brokered", "-supported", "-made", "-built",
             "-supplied", "-occupied", "-controlled", "-held", "-allied", "-aligned", "-linked", "-owned",
             "-appointed", "-spearheaded", "‐led", "–led")

_GAP_STOP = frozenset({".", ";", ":", ",", "and", "but", "which", "who", "that", "to", "after", "before",
                       "because", "while", "said", "says", "if", "when"})
_NEAR = 12  # slots considered on each side of a trigger, and the longest list of coordinated countries
# "the Paris Agreement", "the Geneva Convention", "the Minsk format": a place naming a document or forum.
_NAMED_AFTER = re.compile(r"\s+(?:Agreements?|Accords?|Conventions?|Protocols?|Declarations?|Treaty|Process|Summit|"
                          r"Talks|Club|Group|Format|Framework|Initiative|Conference|Charter|Statute|Consensus|"
                          r"Principles?|Plan|Document|Communiqu[eé]|Memorandum|Pact|Stock Exchange)\b")
_CURRENCY = re.compile(r"\s*(?:dlrs|dollars?|cents|yen|francs?|marks?|pounds?|lire|pesos?)\b")
_TOKEN_RX = re.compile(r"\w+(?:['.]\w+)*|[^\w\s]")


@dataclass(slots=True)
class _Slot:
    """A country mention (or a run of mentions of one country) as a participant candidate."""
    country: str
    text: str
    t0: int  # first token index
    t1: int  # one past the last token index
    possessive: bool
    agentive: bool
    prep: str | None  # the preposition right before it, if any
    how: str
    venue: bool = False  # a place naming where a meeting is ("the Paris meeting"), not a party


@dataclass(slots=True)
class _Trigger:
    t0: int
    t1: int
    entry: _Entry
    absorbed: bool = False  # inside a governing trigger's complement


def _tokens(sentence: str) -> tuple[list[str], list[int], list[int]]:
    low = sentence.lower().replace("’", "'")
    if len(low) != len(sentence):  # a few characters change length when lowered ("İ")
        low = "".join(c.lower()[:1] for c in sentence).replace("’", "'")
    found = list(_TOKEN_RX.finditer(low))
    return [m.group() for m in found], [m.start() for m in found], [m.end() for m in found]


_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,}(?:,[^-—–:]{0,40}?)?\s*(?:\([^)]*\))?\s*(?:--|—|–|-|:)\s")


def _slots(sentence: str, mentions: list[Mention], words: list[str], starts: list[int],
           ends: list[int]) -> list[_Slot]:
    slots: list[_Slot] = []
    dateline = _DATELINE.match(sentence[:80])
    dl_end = dateline.end() if dateline else 0  # "MOGADISHU, Somalia --" names where, not who
    last_end = -1
    for m in sorted(mentions, key=lambda x: (x.start, -x.end)):
        if m.start < last_end or m.start < 0 or m.end > len(sentence) or m.end <= m.start or not words:
            continue  # nested in the previous mention ("Korea" in "South Korea"), or not in this sentence
        last_end = m.end
        if m.how == "located" or not m.country or m.end <= dl_end:
            continue  # "a Seoul-based think-tank" names a place, not an actor
        tail = sentence[m.end:m.end + 10].lower()
        if tail.startswith(("-based", "‐based")) or tail[:1] == " " and (
                _CURRENCY.match(tail) or tail[1:2].isalpha() and _NAMED_AFTER.match(sentence, m.end)):
            continue  # "a Seoul-based think-tank", "80 billion U.S. Dlrs": places and money, not actors
        t0 = bisect_right(ends, m.start)  # the first token ending after the mention starts
        t1 = bisect_right(ends, m.end)
        if t0 >= len(words):
            continue
        if t1 <= t0:
            t1 = t0 + 1
        possessive = tail.startswith(("'s", "’s", "' ", "’ ")) or (t1 - 1 < len(words) and words[t1 - 1].endswith("'s"))
        agentive = tail.startswith(_AGENTIVE)
        prev = words[t0 - 1] if t0 > 0 else None
        if prev in ("the", "a", "an") and t0 > 1:
            prev = words[t0 - 2]  # "between the Philippines and ..."
        # Merge "Chinese counterpart Xi Jinping": the same country within a short titled noun phrase.
        gap = words[slots[-1].t1:t0] if slots else []
        if slots and slots[-1].country == m.country and not slots[-1].possessive and t0 - slots[-1].t1 <= 3 \
                and (gap == [","] or not any(w in _COORD or w in _INDEX or w in _PREP_SKIP for w in gap)):
            # ("his Jordanian counterpart, Omar al-Razza": an apposition, too)
            last = slots[-1]
            last.t1 = t1
            last.text = sentence[starts[last.t0]:m.end]
            last.possessive = possessive
            last.agentive = last.agentive or agentive
            continue
        slots.append(_Slot(m.country, m.text, t0, t1, possessive, agentive,
                           prev if prev in _PREP_SKIP or prev in ("by", "of", "from") else None, m.how))
    return slots


def _is_headline(sentence: str, words: list[str], starts: list[int]) -> bool:
    """A title-case line ("U.S. Lifts Travel Ban to Lebanon"), where capitals do not mark names."""
    long_words = [i for i, w in enumerate(words) if len(w) > 3 and w.isalpha()]
    return bool(long_words) and sum(sentence[starts[i]].isupper() for i in long_words) * 10 >= len(long_words) * 9


def _match(words: list[str], i: int, entry: _Entry, blocked: set[int]) -> int:
    """One past the last matched token, or -1."""
    j = i
    parts = entry.words
    for k, part in enumerate(parts):
        if part is None:
            nxt = parts[k + 1]
            for skip in range(0, 7):
                if j + skip < len(words) and words[j + skip] in nxt:
                    j += skip
                    break
                if j + skip >= len(words) or words[j + skip] in _GAP_STOP and not (
                        words[j + skip] == "," and words[j + skip - 1].isdigit()):  # "16,000 refugees"
                    return -1
            else:
                return -1
            continue
        if j >= len(words) or j in blocked or words[j] not in part:
            return -1
        j += 1
    return j


def _triggers(words: list[str], blocked: set[int], sentence: str = "",
              starts: list[int] | None = None) -> list[_Trigger]:
    found: list[_Trigger] = []
    i = 0
    n = len(words)
    while i < n:
        entries = None if i in blocked else _INDEX.get(words[i])
        if entries:
            best = None
            for e in entries:
                j = _match(words, i, e, blocked)
                if j > 0 and (best is None or e.length > best[1].length):
                    best = (j, e)
            if best:
                found.append(_Trigger(i, best[0], best[1]))
                i = best[0]
                continue
        i += 1
    return _disambiguate(words, found, blocked, sentence, starts)


_NOUNISH_BEFORE = frozenset("a an the its their his her our this that these those of".split())


def _disambiguate(words: list[str], trigs: list[_Trigger], blocked: set[int], sentence: str = "",
                  starts: list[int] | None = None) -> list[_Trigger]:
    """Drop readings the surrounding words rule out (a few high-traffic ambiguous words)."""
    out = []
    headline = None
    for t in trigs:
        if starts and t.t0 > 0 and sentence[starts[t.t0]].isupper() and (
                sentence[starts[t.t0 - 1]].isupper() or t.t1 < len(starts) and sentence[starts[t.t1]].isupper()):
            if headline is None:
                headline = _is_headline(sentence, words, starts)
            if not headline:
                continue  # part of a name: "the Free Syrian Army", "Defense Forces"
        w = words[t.t0]
        prev = words[t.t0 - 1] if t.t0 else ""
        nxt = words[t.t1] if t.t1 < len(words) else ""
        if w in ("call", "calls", "called", "calling") and t.entry.root == "CONSULT" and nxt in ("it", "them", "this", "for"):
            continue  # "called it a ..." names, "call for" is a REQUEST (longer pattern already)
        if w == "back" and t.entry.length == 1 and prev not in _AUX and prev not in ("to", "and"):
            continue
        if w in ("arms", "arm") and t.entry.length == 1 and nxt in ("of", "length"):
            continue
        if w in ("fire",) and t.entry.length == 1 and prev in _NOUNISH_BEFORE:
            continue
        if prev == "-" and w in ("backed", "led", "based", "funded", "sponsored", "supported", "made"):
            continue  # "U.S.-backed fighters": an agent modifier, not a separate event
        if w in ("alleged", "suspected", "accused", "detained", "wanted") and (
                prev in _NOUNISH_BEFORE or prev.isdigit()):
            continue  # "26 alleged members": an adjective
        if w in ("visiting",) and (prev in _NOUNISH_BEFORE | {"against", "for", "with"} or t.t1 in blocked):
            continue  # "visiting U.S. Agriculture Secretary Lyng said": a title, the host is elsewhere
        if w == "press" and nxt in ("conference", "conferences", "release", "briefing", "freedom", "agency"):
            continue
        if w in ("deal", "deals") and (prev in ("great", "good") or nxt == "with" and prev in _AUX | {"to"}):
            continue  # "a great deal", "to deal with"
        if w == "offensive" and prev not in ("a", "an", "the", "military", "new", "ground", "air", "major", "its",
                                             "their", "his", "her", "spring", "final") and nxt not in (
                "against", "on", "in", "into"):
            continue  # "offensive weapons": an adjective
        if w in ("ceasefire", "cease-fire", "truce") and nxt in ("line", "lines", "zone", "monitors", "violation",
                                                             "violations", "talks", "negotiations"):
            continue
        if w in ("supply", "supplies") and nxt in ("chain", "chains", "side"):
            continue
        if w in ("war", "conflict") and nxt in ("crimes", "criminal", "zone", "-", "correspondent", "games"):
            continue
        if w in ("question", "questions") and prev in _NOUNISH_BEFORE:
            continue
        out.append(t)
    return out


def _absorb(words: list[str], trigs: list[_Trigger], slots: list[_Slot]) -> None:
    """A governing trigger ("refused to", "accused ... of", "urged ... to") owns the triggers in its
    complement: the sentence is about the refusal, the accusation, the request."""
    slot_at = {i for s in slots for i in range(s.t0, s.t1)}
    for k, t in enumerate(trigs):
        if "g" not in t.entry.flags or t.absorbed:
            continue
        limit = t.t1 + 10
        for u in trigs[k + 1:]:
            if u.t0 > limit:
                break
            gap = words[t.t1:u.t0]
            if any(w in _CLAUSE_END for w in gap) or "which" in gap or "who" in gap:
                break
            # A new subject with its own verb ("X said Y attacked") starts a new clause.
            inner = [i for i in range(t.t1, u.t0) if i in slot_at]
            if inner and _is_verbal_gap(words[inner[-1] + 1:u.t0]) and not any(
                    w in ("to", "of", "for", "on", "over", "about") for w in gap):
                break
            u.absorbed = True


def _merge_repeats(words: list[str], trigs: list[_Trigger]) -> None:
    """"the deployment of a U.S.-led missile defence system": two words for one event; the first
    keeps its phrase (and the agent and place in it)."""
    last = None
    for t in trigs:
        if t.absorbed:
            continue
        if last is not None and t.entry.root == last.entry.root and t.t0 - last.t1 <= 6:
            gap = words[last.t1:t.t0]
            if "of" in gap and words[t.t0] not in _VERB_FORMS and not any(
                    w in _CLAUSE_END or w in (",", "and", "which", "who") for w in gap):
                t.absorbed = True
                continue
            if words[t.t0] in _NOUN_FORMS and words[last.t0] in _VERB_FORMS and all(
                    w in _FILLER or w.isdigit() or w in ("and", "&") or w in _CONTEXT_WORDS for w in gap):
                # "signed 15 agreements and memorandums": the object restates the verb's event
                t.absorbed = True
                last.t1 = t.t1
                continue
        last = t


def _group(slots: list[_Slot], k: int, words: list[str], step: int) -> list[int]:
    """The indexes of slots coordinated with slot k ("Iran, Libya and North Korea"), walking by step.
    Commas alone do not make a list ("... Xi Jinping, the Blue House said"): a conjunction must."""
    out = [k]
    j = k
    conj = False
    while 0 <= j + step < len(slots) and len(out) < _NEAR:
        a, b = (slots[j], slots[j + step]) if step > 0 else (slots[j + step], slots[j])
        gap = words[a.t1:b.t0]
        if a.possessive or len(gap) > 3 or not gap and step < 0:
            break
        if gap and all(w in _COORD or w in ("the", "both", "also", "his", "her", "its", "their") for w in gap) \
                or not gap:
            conj = conj or not gap or any(w in ("and", "or", "-", "&", "/") for w in gap)
            out.append(j + step)
            j += step
            continue
        break
    return out if conj else [k]


def _is_verbal_gap(words: list[str]) -> bool:
    """Only auxiliaries, adverbs, relative pronouns and titles between a subject and its verb."""
    for w in words:
        if w in _AUX or w in _NEG or w in ("which", "who", "that", ",", "-", "itself", "themselves") or \
                w.endswith("ly") or w in _PLAN or w in _HYPO or w in _ONGOING or w == "to":
            continue
        return False
    return True


def _status(words: list[str], lo: int, t: _Trigger, relation: bool) -> tuple[str, bool]:
    """(status, refusal): the modality of the trigger from the words before it in its clause."""
    window = words[max(lo, t.t0 - 16):t.t0]
    for i in range(len(window) - 1, -1, -1):  # stop at a clause break: "X, which will ..., met"
        if window[i] in (";", "but", "while", "whereas", "said", "says") or (
                window[i] == "," and i < len(window) - 3):
            window = window[i + 1:]
            break
    ws = set(window)
    near = set(window[-5:])  # negation binds to the verb group: "did not meet", "has not yet agreed"
    refusal = bool(near & _REFUSAL) or ("not" in near and bool(near & {"will", "would"}))
    if near & _NEG or (t.t0 > 0 and words[t.t0 - 1] == "no"):
        return "negated", refusal
    if ws & _HYPO:
        return "hypothetical", False
    trig_word = words[t.t0]
    if ws & _PLAN or "'ll" in ws:
        return "planned", False
    if "to" in words[max(lo, t.t0 - 2):t.t0] and not ws & {"agreed", "decided", "began", "started",
                                                          "managed", "tried", "moved", "sought"}:
        # "Lee to visit China" (headline), "is to meet", "in order to", "aims to": not yet happened
        if ws & _ONGOING or ws & {"trying", "seeks", "seeking", "tries"}:
            return "ongoing", False
        return "planned", False
    if ws & _ONGOING:
        return "ongoing", False
    if trig_word.endswith("ing") and ws & _BE:
        return "ongoing", False
    if relation or ("has" in ws or "have" in ws) and "been" in ws:
        return "ongoing", False
    return "occurred", False


_CONTEXT_WORDS = {
    "military": "military", "troops": "military", "army": "military", "navy": "military",
    "defence": "military", "defense": "military", "missile": "military", "missiles": "military",
    "soldiers": "military", "weapons": "military", "nuclear": "military", "forces": "military",
    "trade": "trade", "tariff": "trade", "tariffs": "trade", "export": "trade", "exports": "trade",
    "import": "trade", "imports": "trade", "economic": "economic", "economy": "economic",
    "investment": "economic", "financial": "economic", "loan": "economic", "aid": "economic",
    "humanitarian": "humanitarian", "refugees": "humanitarian", "diplomat": "diplomatic",
    "diplomats": "diplomatic", "ambassador": "diplomatic", "embassy": "diplomatic",
    "minister": "diplomatic", "president": "diplomatic", "summit": "diplomatic",
    "cultural": "cultural", "culture": "cultural", "k-pop": "cultural", "technology": "technology",
    "cyber": "cyber", "energy": "energy", "oil": "energy", "gas": "energy",
}


def _contexts(words: list[str], t: _Trigger, entry_ctx: tuple[str, ...]) -> list[str]:
    out = list(entry_ctx)
    for w in words[max(0, t.t0 - 3):t.t1 + 4]:
        c = _CONTEXT_WORDS.get(w)
        if c and c not in out:
            out.append(c)
    if len(out) > 1 and out[0] == "diplomatic" and any(c in ("military", "trade", "economic") for c in out[1:]):
        out.remove("diplomatic")  # "military ally", "trade deal": the specific domain says more
    return out


def _phrase_before(words: list[str], i: int, phrases: tuple[str, ...]) -> bool:
    text = " ".join(words[max(0, i - 4):i])
    return any(text.endswith(p) for p in phrases)


def find_events(sentence: str, mentions: list[Mention], published: date | None = None) -> list[dict]:
    """The interactions one sentence reports between the countries mentioned in it.

    `mentions` carry offsets relative to `sentence`. Returns partial records (docs/events.md):
    kind, source, target, source_text, target_text, event_type, mode, context, status, trigger,
    anchor, confidence. `published` is accepted for symmetry with the other extractors; the
    classifier itself does not need dates."""
    if len({m.country for m in mentions if m.how != "located"}) < 2:
        return []
    words, starts, ends = _tokens(sentence)
    slots = _slots(sentence, mentions, words, starts, ends)
    if len({s.country for s in slots}) < 2:
        return []
    blocked = {i for s in slots for i in range(s.t0, s.t1)}
    trigs = _triggers(words, blocked, sentence, starts)
    if not trigs:
        return []
    _absorb(words, trigs, slots)
    _merge_repeats(words, trigs)
    active = [t for t in trigs if not t.absorbed]
    purpose = _purposes(words, active)
    active = [t for t in active if not t.absorbed]
    bound = _bound_slots(words, slots, active)
    _mark_venues(words, slots, active)
    slot_starts = [sl.t0 for sl in slots]
    results: list[dict] = []
    prev_pairs: tuple[list[int], list[int]] | None = None
    prev_status = None
    for k, t in enumerate(active):
        nxt = active[k + 1].t0 if k + 1 < len(active) else len(words)
        prev_t = active[k - 1] if k else None
        actors, recipients, how = _participants(words, slots, t, prev_t, nxt, bound, prev_pairs, slot_starts)
        if actors:
            prev_pairs = (actors, recipients)
        if not actors or not recipients:
            continue
        lo = slots[actors[0]].t1 if slots[actors[0]].t1 <= t.t0 else 0
        status, refusal = _status(words, lo, t, "r" in t.entry.flags)
        if how == "shared" and prev_status:
            status = prev_status  # "will visit X and join events to build cooperation": one modality
        prev_status = status
        entry, t_end = purpose.get(t.t0, (t.entry, t.t1))  # the trigger text runs to the purpose word
        root, mode = entry.root, entry.mode
        if root == "MOBILIZE" and any(w.startswith("peacekeep") for w in words[t.t0:nxt]):
            root, mode = "AID", "peacekeeping"  # troops sent to keep the peace are help, not a threat
        if refusal and root in ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"):
            root, mode, status = "REJECT", "refuse", "occurred"  # "will not lift the ban": a refusal
        # News leads with the main event; a conditional one ("if Israel hits Beirut") is less certain.
        conf = _confidence(t, how, slots, actors[0], recipients[0]) - 0.02 * k - 0.1 * (status == "hypothetical")
        conf = round(max(0.05, conf), 3)
        trigger_text = sentence[starts[t.t0]:ends[t_end - 1]]
        ctx = _contexts(words, t, entry.context)
        for a in actors:
            for r in recipients:
                sa, sr = slots[a], slots[r]
                if sa.country == sr.country:
                    continue
                results.append({
                    "kind": "event", "source": sa.country, "target": sr.country,
                    "source_text": sa.text, "target_text": sr.text,
                    "event_type": root, "mode": mode, "context": list(ctx), "status": status,
                    "trigger": trigger_text, "anchor": (starts[t.t0], ends[t_end - 1]),
                    "confidence": conf, "weak": "w" in t.entry.flags,
                })
    return _dedupe(results)


_PURPOSE_HOSTS = frozenset({"CONSULT", "MOBILIZE"})
_SEND = frozenset("send sends sent sending dispatch dispatched dispatches".split())


def _purposes(words: list[str], trigs: list[_Trigger]) -> dict[int, tuple[_Entry, int]]:
    """"called X to congratulate him", "sent experts to X to investigate": the purpose names the
    interaction, the call or the trip is its vehicle. Returns trigger start -> (the purpose's entry,
    one past its last token)."""
    out: dict[int, tuple[_Entry, int]] = {}
    for k, t in enumerate(trigs):
        if not (t.entry.root in _PURPOSE_HOSTS or words[t.t0] in _SEND) or "g" in t.entry.flags:
            continue
        for u in trigs[k + 1:k + 2]:
            to = [i for i in range(max(t.t1, u.t0 - 4), u.t0) if words[i] == "to"]
            if u.t0 - t.t1 > 14 or not to or u.entry.root == t.entry.root or "w" in u.entry.flags \
                    or "and" in words[t.t1:to[0]]:
                continue
            if any(w in _CLAUSE_END or w in (".", "which", "who") for w in words[t.t1:u.t0]):
                continue
            out[t.t0] = (u.entry, u.t1)
            u.absorbed = True
    return out


def _mark_venues(words: list[str], slots: list[_Slot], trigs: list[_Trigger]) -> None:
    """"the Paris meeting", "the Venice summit": a capital or city right before a meeting noun is
    its venue, unless it pairs with another ("Seoul-Beijing talks")."""
    starts = {t.t0: t for t in trigs}
    for k, s in enumerate(slots):
        t = starts.get(s.t1)
        if t is None or s.how not in ("capital", "city") or t.entry.root != "CONSULT" or words[t.t0] in _VERB_FORMS \
                and not words[t.t0].endswith(("ing", "s")):
            continue
        if k and slots[k - 1].t1 == s.t0 - 1 and words[s.t0 - 1] in ("-", "and", "/"):
            continue
        s.venue = True


def _bound_slots(words: list[str], slots: list[_Slot], trigs: list[_Trigger]) -> set[int]:
    """Slots that modify a nominal trigger right after them ("the U.S. alliance", "Beijing's ban"):
    they belong to that noun phrase and are not the subject of a later verb."""
    starts = {t.t0: t for t in trigs}
    bound = set()
    for k, s in enumerate(slots):
        for gap in range(0, 3):
            t = starts.get(s.t1 + gap)
            if t is not None and words[t.t0] not in _VERB_FORMS and all(
                    w in _FILLER or w.endswith("ly") or w in ("-",) or w in _CONTEXT_WORDS for w in words[s.t1:s.t1 + gap]):
                bound.add(k)
                break
    return bound


# Restrictive acts whose target often goes unnamed in the phrase ("Beijing's ban on K-pop content");
# for these the nearest other country in the sentence is the likely target. Not for trade, aid ...
_FALLBACK_ROOTS = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "THREATEN"})
_OBJECT_CONTROL = frozenset(f for v in ("train", "help", "allow", "enable", "encourage", "arm", "equip", "fund",
                                        "order", "force", "persuade", "permit", "assist", "support")
                            for f in _verb_forms(v))
_TOPIC = frozenset({"on", "about", "over", "regarding", "concerning", "in", "at"})
_SPEECH = frozenset("said says say told tells insisted insists stressed added argued warned believes".split())
_RECEIVE = frozenset("received receives receive receiving got gets won obtained accepted secured".split())
_INSTITUTION = frozenset("police court courts authorities officials prosecutors government forces troops "
                         "embassy military army navy ministry parliament judge investigators".split())


def _participants(words: list[str], slots: list[_Slot], t: _Trigger, prev_t: _Trigger | None,
                  region_end: int, bound: set[int], prev_pairs,
                  slot_starts: list[int]) -> tuple[list[int], list[int], str]:
    """(actor slot indexes, recipient slot indexes, how they were found)."""
    flags = t.entry.flags
    # Only nearby slots can take part (bounded work on pathological sentences with thousands).
    at = bisect_left(slot_starts, t.t0)
    left = [k for k in range(max(0, at - _NEAR), at) if slots[k].t1 <= t.t0]
    # A slot inside a gapped pattern ("accept Syrian refugees") is its object.
    right = [k for k in range(at, min(len(slots), at + _NEAR)) if t.t0 < slots[k].t0 < region_end]
    # "X said that Y must ...": the speaker demands something of Y.
    if words[t.t0] in ("must", "should"):
        if left and t.t0 - slots[left[-1]].t1 <= 2 and len(left) >= 2:
            gap = words[slots[left[-2]].t1:slots[left[-1]].t0]
            if any(w in _SPEECH for w in gap) and len(gap) <= 10:
                return [left[-2]], [left[-1]], "subject"
        return [], [], "none"
    # Passive voice: "was attacked by X" -> X is the actor, the subject the recipient.
    after = words[t.t1:t.t1 + 2]
    before = words[max(0, t.t0 - 3):t.t0]
    if "by" in after and words[t.t0].endswith(("ed", "en", "t", "wn")) and (
            set(before) & _BE or after[0] == "by" and words[t.t0].endswith("ed")):
        by_i = t.t1 + after.index("by") + 1
        agents = [k for k in right if slots[k].t0 <= by_i + 3]
        subj = [k for k in left if slots[k].prep not in _PREP_SKIP][-1:]
        if agents and subj:
            return _group(slots, agents[0], words, 1), _group(slots, subj[0], words, -1), "passive"
    # Relation: "X is Y's (military) ally" -> X supports Y.
    if "r" in flags and left:
        k = left[-1]
        if slots[k].possessive and t.t0 - slots[k].t1 <= 3 and len(left) >= 2:
            gap = words[slots[left[-2]].t1:slots[k].t0]
            if any(w in _COPULA for w in gap) and len(gap) <= 4:
                return [left[-2]], [k], "relation"
    # Nominal with a possessive actor: "Beijing's effective ban on ...".
    actors: list[int] = []
    how = "subject"
    if left and ("n" in flags or t.entry.length == 1):
        k = left[-1]
        if slots[k].possessive and t.t0 - slots[k].t1 <= 3 and all(
                w in _FILLER or w.endswith("ly") or w in _CONTEXT_WORDS or w == "and" or w.isalpha() and len(w) < 12
                and w not in _PREP_SKIP and w not in _AUX and w not in _VERB_FORMS for w in words[slots[k].t1:t.t0]):
            actors, how = [k], "possessive"
    # A hyphenated or coordinated pair right before a symmetric noun: "the Lee-Xi meeting".
    if not actors and "s" in flags and left and words[t.t0] in _NOUN_FORMS:
        k = left[-1]
        g = _group(slots, k, words, -1)
        if len(g) >= 2 and t.t0 - slots[k].t1 <= 3 and len({slots[i].country for i in g}) >= 2 and \
                not any(w in _AUX for w in words[slots[k].t1:t.t0]):
            g = sorted(g)
            return [g[0]], g[1:], "pair"
    # "cooperation between the Philippines and the United States"
    if "s" in flags and right and (slots[right[0]].prep == "between" or slots[right[0]].prep == "of"
                                   and words[t.t1 - 1] in _NOUN_FORMS and slots[right[0]].t0 - t.t1 <= 2):
        # also "the joint military exercises of the United States and South Korea"
        g = _group(slots, right[0], words, 1)
        if len(g) >= 2:
            return [g[0]], g[1:], "pair"
    # Nominal with an agent in an of-phrase: "the deployment of a U.S.-led system in South Korea".
    if not actors and right and "n" in flags:
        first = slots[right[0]]
        if first.agentive and first.t0 - t.t1 <= 4 and any(w in ("of", "by") for w in words[t.t1:first.t0]):
            actors, how = [right[0]], "agentive"
            right = right[1:]
    if not actors and prev_t is not None and t.t0 >= 1 and words[t.t0 - 1] == "to" and \
            words[prev_t.t0] in _OBJECT_CONTROL and "," not in words[prev_t.t1:t.t0]:
        # "trained Mujahideen groups to fight": the object of "trained" fights, not its subject
        if not prev_pairs or not prev_pairs[1]:
            return [], [], "none"
        actors, how = list(prev_pairs[1]), "subject"
    if not actors and prev_pairs and prev_t is not None and not prev_pairs[1] and \
            _is_verbal_gap(words[prev_t.t1:t.t0]):
        actors, how = list(prev_pairs[0]), "subject"  # "A U.S. airstrike has killed ...": the noun's agent
    if not actors:
        actors = _subject(words, slots, left, t, prev_t, bound, prev_pairs)
    if not actors:
        actors = _subject(words, slots, left, t, prev_t, set(), prev_pairs)  # "A U.S. airstrike has killed ..."
    # "the two sides agreed": the last two countries named before.
    if not actors and _phrase_before(words, t.t0, _GROUP_WORDS) and len(left) >= 2:
        return [left[-2]], [left[-1]], "pair"
    if "s" in flags and len({slots[a].country for a in actors}) >= 2 and all(
            slots[k].prep in _TOPIC for k in right):
        return [actors[0]], actors[1:], "pair"  # "Trump and Putin agreed to share information on North Korea"
    recipients = _object(words, slots, right, t, actors, region_end)
    if "p" in flags and recipients and slots[recipients[0]].prep not in ("with", "between"):
        return [], [], "none"  # "the U.S. trade deficit ... the Japanese surplus" is no interaction
    # "received an invitation from X": X acts, the receiver is the recipient.
    if actors and recipients and slots[recipients[0]].prep == "from" and \
            set(words[max(0, t.t0 - 4):t.t0]) & _RECEIVE:
        return recipients[:1], actors, "passive"
    if not recipients and actors and "s" in flags:
        # Only symmetric acts pair a coordinated subject: "X and Y clashed", not "X and Y demonstrate".
        g = sorted(actors) if len(actors) >= 2 else sorted(_group(slots, actors[0], words, -1))
        if len(g) >= 2 and len({slots[i].country for i in g}) >= 2:
            return [g[0]], g[1:], "pair"
    if not recipients and actors and prev_pairs and prev_t is not None and prev_pairs[0] == actors:
        recipients, how = list(prev_pairs[1]), "shared"  # "visit China and join events to build cooperation"
    if not recipients and actors and how == "possessive" and t.entry.root in _FALLBACK_ROOTS:
        recipients, how = _fallback(slots, actors, t), "fallback"
    # A pronoun object: "Lee sought his help" -> the last other-country person named before.
    if actors and t.t1 < len(words) and words[t.t1] in _PRON_PERSON:
        for k in reversed(left):
            if slots[k].country != slots[actors[0]].country and k not in actors:
                recipients, how = [k], "pronoun"
                break
    return actors, recipients, how


def _subject(words, slots, left, t, prev_t, bound, prev_pairs=None) -> list[int]:
    i = t.t0 - 1
    while i >= 0 and (words[i] in _AUX or words[i] in _NEG or words[i].endswith("ly")):
        i -= 1
    if i >= 0 and words[i] in ("we", "i", "you"):
        return []  # "... and we welcome X": the speaker, whom one sentence does not name
    for k in reversed(left):
        s = slots[k]
        if s.venue:
            continue
        if k in bound and not (s.possessive and t.t0 - s.t1 <= 3):
            continue
        relative = s.t1 < t.t0 and words[s.t1] in ("which", "who", "that") and _is_verbal_gap(words[s.t1:t.t0])
        if s.prep in _PREP_SKIP and s.prep not in ("between",) and not relative and not (
                s.prep == "in" and s.t0 >= 2 and words[s.t0 - 2] in _INSTITUTION):
            continue  # "talks with X", but "police in X arrested" and "with X, which has rebuffed"
        agent_of_subject = s.prep == "by" and prev_t is not None and prev_t.t1 >= s.t0 - 3
        if s.prep == "by" and not s.agentive and not agent_of_subject:
            continue  # "the missiles fired by X struck ...": X is the actor of "struck" too
        if prev_t is not None and s.t0 >= prev_t.t1 and not agent_of_subject and \
                "," not in words[prev_t.t1:s.t0] and not _is_verbal_gap(words[s.t1:t.t0]):
            continue  # the object of the previous verb, not the subject of this one
        if t.t0 - s.t1 > 25:
            return []
        taken = set(prev_pairs[1]) if prev_pairs and prev_t is not None else set()
        return sorted(i for i in _group(slots, k, words, -1) if i == k or i not in taken)
    return []


def _object(words, slots, right, t, actors, region_end) -> list[int]:
    actor_countries = {slots[a].country for a in actors}
    cands = [k for k in right if slots[k].country not in actor_countries and not slots[k].agentive
             and not slots[k].venue] or \
        [k for k in right if slots[k].country not in actor_countries and not slots[k].venue]  # "Iran-backed militias"
    if not cands or slots[cands[0]].t0 - t.t1 > 20:
        return []
    first = cands[0]
    direct = [k for k in right if slots[k].agentive and slots[k].country not in actor_countries
              and all(w in _FILLER for w in words[t.t1:slots[k].t0])]
    if direct and slots[direct[0]].t0 < slots[first].t0:
        first = direct[0]  # "struck Iran-backed militia groups": the direct object, though agent-marked
    if t.entry.root in ("CONSULT", "COOPERATE", "AGREE"):
        # "discussed Libya with Trump": the partner is the with-phrase, the topic is not a party.
        withs = [k for k in cands if slots[k].prep == "with"]
        if withs and slots[first].prep != "with":
            first = withs[0]
    group = [i for i in _group(slots, first, words, 1) if slots[i].country not in actor_countries]
    # "Iran attacked Iraq and China met Japan": a list member right before the next verb is its subject.
    while len(group) > 1 and region_end < len(words) and _is_verbal_gap(words[slots[group[-1]].t1:region_end]):
        group.pop()
    return group


def _fallback(slots, actors, t) -> list[int]:
    """A possessive actor's nominal with no recipient in its phrase ("Beijing's ban on K-pop"):
    the nearest other country in the sentence, skipping agent modifiers ("U.S.-led")."""
    ac = slots[actors[0]].country
    cands = [k for k, s in enumerate(slots) if s.country != ac and not s.agentive]
    if not cands:
        return []
    best = min(cands, key=lambda k: (slots[k].t0 < t.t0, abs(slots[k].t0 - t.t0)))
    return [best]


def _confidence(t: _Trigger, how: str, slots, a: int, r: int) -> float:
    base = {"subject": 0.8, "passive": 0.8, "relation": 0.8, "possessive": 0.75, "pair": 0.75,
            "agentive": 0.7, "shared": 0.55, "pronoun": 0.6, "fallback": 0.5}.get(how, 0.6)
    if "w" in t.entry.flags:
        base -= 0.3
    if t.entry.length > 1:
        base += 0.1
    if slots[r].prep == "in":
        base -= 0.1
    dist = abs(slots[r].t0 - t.t0) + abs(t.t0 - slots[a].t1)
    base -= min(0.2, dist / 100)
    return round(max(0.05, min(0.99, base)), 3)


def _dedupe(results: list[dict]) -> list[dict]:
    """One record per (actor, recipient, type) in a sentence; a weak trigger yields to any other."""
    best: dict[tuple, dict] = {}
    strong_pairs = {frozenset((r["source"], r["target"])) for r in results if not r["weak"]}
    for r in results:
        if r["weak"] and frozenset((r["source"], r["target"])) in strong_pairs:
            continue
        key = (r["source"], r["target"], r["event_type"])
        if key not in best or r["confidence"] > best[key]["confidence"]:
            best[key] = r
    out = []
    for r in results:
        key = (r["source"], r["target"], r["event_type"])
        if best.get(key) is r:
            r.pop("weak", None)
            out.append(r)
    return out

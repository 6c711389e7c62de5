#!/usr/bin/env python3
"""Check the offline content banks (quiz.json, words.json) in this directory.

Usage: python3 prompts/content/validate.py [DIR]

Checks shapes, lengths, answer bounds, duplicates, term clashes and word/hint rules, prints a
summary (counts, answer positions, levels), and exits 1 on any problem. Python 3 standard
library only. The worker checks the same basics on load (models/src/content.rs); this script is
stricter and is meant to run whenever the banks are edited.
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

MIN_QUIZ_TOPICS = 24
MIN_QUESTIONS = 15
MIN_WORD_TOPICS = 30
WORDS_PER_TOPIC = (25, 40)
WORD_LEN = (3, 10)
MAX_QUESTION = 200
MAX_CHOICE = 80
MAX_HINT = 60
LEVELS = ("easy", "medium", "hard")

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
TERM_RE = re.compile(r"^[a-z0-9]+( [a-z0-9]+)*$")
# Terms of the translated banks: lower-case words in any alphabet (accents allowed).
TERM_RE_ANY = re.compile(r"^[^\W_]+( [^\W_]+)*$")
WORD_RE = re.compile(r"^[a-z]+$")

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def norm(text):
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        err(path.name, f"cannot read: {e}")
        return None


def check_topics_shape(name, data, keys):
    if not isinstance(data, dict) or set(data) != {"topics"} or not isinstance(data["topics"], list):
        err(name, 'top level must be {"topics": [...]}')
        return []
    good = []
    ids = set()
    for i, t in enumerate(data["topics"]):
        where = f"{name}: topic {i}"
        if not isinstance(t, dict) or set(t) != set(keys):
            err(where, f"keys must be exactly {sorted(keys)}")
            continue
        if not isinstance(t["id"], str) or not ID_RE.match(t["id"]):
            err(where, f"bad id {t['id']!r}")
            continue
        if t["id"] in ids:
            err(where, f"duplicate id {t['id']!r}")
        ids.add(t["id"])
        good.append(t)
    return good


def check_terms(name, topics, pattern=TERM_RE):
    owner = {}
    for t in topics:
        where = f"{name}: topic '{t['id']}'"
        terms = t["terms"]
        if not isinstance(terms, list) or not terms:
            err(where, "terms must be a non-empty list")
            continue
        for term in terms:
            if not isinstance(term, str) or not pattern.match(term) or term != term.lower():
                err(where, f"term {term!r} must be lower-case words separated by single spaces")
                continue
            if term in owner and owner[term] != t["id"]:
                err(where, f"term {term!r} is also a term of '{owner[term]}'")
            elif term in owner:
                err(where, f"term {term!r} is listed twice")
            owner[term] = t["id"]


def check_quiz(path):
    data = load(path)
    if data is None:
        return
    topics = check_topics_shape("quiz.json", data, ("id", "terms", "questions"))
    check_terms("quiz.json", topics)
    if len(topics) < MIN_QUIZ_TOPICS:
        err("quiz.json", f"{len(topics)} topics, want at least {MIN_QUIZ_TOPICS}")
    seen = {}
    positions = Counter()
    by_size = Counter()
    levels_all = Counter()
    counts = []
    for t in topics:
        tid = t["id"]
        qs = t["questions"]
        if not isinstance(qs, list):
            err(f"quiz.json: topic '{tid}'", "questions must be a list")
            continue
        counts.append(len(qs))
        if len(qs) < MIN_QUESTIONS:
            err(f"quiz.json: topic '{tid}'", f"{len(qs)} questions, want at least {MIN_QUESTIONS}")
        levels = Counter()
        for i, q in enumerate(qs):
            where = f"quiz.json: topic '{tid}', question {i}"
            if not isinstance(q, dict) or set(q) != {"question", "choices", "answer", "level"}:
                err(where, "keys must be exactly answer, choices, level, question")
                continue
            text, choices, answer, level = q["question"], q["choices"], q["answer"], q["level"]
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_QUESTION or text != text.strip():
                err(where, f"question must be 1 to {MAX_QUESTION} characters, trimmed")
                continue
            where += f" ({text[:50]!r})"
            if level not in LEVELS:
                err(where, f"level {level!r} not one of {LEVELS}")
            else:
                levels[level] += 1
            if not isinstance(choices, list) or not 2 <= len(choices) <= 4:
                err(where, "2 to 4 choices")
                continue
            if any(not isinstance(c, str) or not c.strip() or len(c) > MAX_CHOICE or c != c.strip() for c in choices):
                err(where, f"choices must be 1 to {MAX_CHOICE} characters, trimmed")
                continue
            if len({c.strip().lower() for c in choices}) != len(choices):
                err(where, "two choices are the same")
            if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer < len(choices):
                err(where, f"answer {answer!r} is not an index into {len(choices)} choices")
                continue
            low = " ".join(choices).lower()
            if "all of the above" in low or "none of the above" in low:
                err(where, "no 'all/none of the above'")
            key = norm(text)
            if key in seen:
                err(where, f"same question as {seen[key]}")
            seen[key] = f"topic '{tid}', question {i}"
            positions[answer] += 1
            by_size[(len(choices), answer)] += 1
        for lv in LEVELS:
            if levels[lv] == 0:
                err(f"quiz.json: topic '{tid}'", f"no {lv} questions")
        levels_all.update(levels)
        print(f"  quiz  {tid:12} {len(qs):3} questions  "
              + "  ".join(f"{lv} {levels[lv]:2}" for lv in LEVELS))
    if counts:
        total = sum(counts)
        print(f"quiz.json: {len(topics)} topics, {total} questions, {min(counts)}-{max(counts)} per topic")
        print("  levels: " + ", ".join(f"{lv} {levels_all[lv]}" for lv in LEVELS))
        print("  answer position: " + ", ".join(f"{p}: {positions[p]}" for p in sorted(positions)))
        for n in (2, 3, 4):
            row = [by_size[(n, p)] for p in range(n)]
            if sum(row):
                print(f"    with {n} choices: " + ", ".join(f"{p}: {c}" for p, c in enumerate(row)))


def check_words(path):
    data = load(path)
    if data is None:
        return
    topics = check_topics_shape("words.json", data, ("id", "terms", "words", "hints"))
    check_terms("words.json", topics)
    if len(topics) < MIN_WORD_TOPICS:
        err("words.json", f"{len(topics)} topics, want at least {MIN_WORD_TOPICS}")
    counts = []
    for t in topics:
        tid = t["id"]
        where = f"words.json: topic '{tid}'"
        words, hints = t["words"], t["hints"]
        if not isinstance(words, list) or not isinstance(hints, list):
            err(where, "words and hints must be lists")
            continue
        counts.append(len(words))
        lo, hi = WORDS_PER_TOPIC
        if not lo <= len(words) <= hi:
            err(where, f"{len(words)} words, want {lo} to {hi}")
        if len(hints) != len(words):
            err(where, f"{len(hints)} hints for {len(words)} words")
        seen = set()
        for i, w in enumerate(words):
            if not isinstance(w, str) or not WORD_RE.match(w) or not WORD_LEN[0] <= len(w) <= WORD_LEN[1]:
                err(where, f"word {w!r} must be {WORD_LEN[0]}-{WORD_LEN[1]} letters a-z")
                continue
            if w in seen:
                err(where, f"word {w!r} is listed twice")
            seen.add(w)
            if i >= len(hints):
                continue
            h = hints[i]
            if not isinstance(h, str) or not h.strip() or len(h) > MAX_HINT or h != h.strip():
                err(where, f"hint for {w!r} must be 1 to {MAX_HINT} characters, trimmed")
                continue
            if w in h.lower():
                err(where, f"hint for {w!r} gives the word away: {h!r}")
        print(f"  words {tid:12} {len(words):3} words")
    if counts:
        print(f"words.json: {len(topics)} topics, {sum(counts)} words, {min(counts)}-{max(counts)} per topic")


def check_translation(english_path, path):
    """A translated quiz bank: quiz.json's topics and questions in the same order, with the same
    answers, levels and number of choices; its own texts within the same limits."""
    if not path.exists():
        return
    en, tr = load(english_path), load(path)
    if en is None or tr is None:
        return
    name = path.name
    en_topics, tr_topics = en.get("topics", []), tr.get("topics", [])
    if len(en_topics) != len(tr_topics):
        err(name, f"{len(tr_topics)} topics, quiz.json has {len(en_topics)}")
        return
    check_terms(name, tr_topics, TERM_RE_ANY)
    total = 0
    for et, tt in zip(en_topics, tr_topics):
        where = f"{name}: topic '{tt.get('id')}'"
        if tt.get("id") != et.get("id") or len(tt.get("questions", [])) != len(et.get("questions", [])):
            err(where, f"must match quiz.json's topic '{et.get('id')}' (id and question count, in order)")
            continue
        for i, (eq, tq) in enumerate(zip(et["questions"], tt["questions"])):
            at = f"{where}, question {i}"
            if (tq.get("answer"), tq.get("level"), len(tq.get("choices", []))) != (
                eq["answer"], eq["level"], len(eq["choices"])):
                err(at, "answer, level and number of choices must be quiz.json's")
            q = tq.get("question", "")
            if not isinstance(q, str) or not 1 <= len(q) <= MAX_QUESTION or q != q.strip():
                err(at, f"question must be 1 to {MAX_QUESTION} characters, trimmed")
            choices = tq.get("choices", [])
            if any(not isinstance(c, str) or not 1 <= len(c) <= MAX_CHOICE for c in choices):
                err(at, f"choices must be 1 to {MAX_CHOICE} characters")
            if len({c.strip().lower() for c in choices if isinstance(c, str)}) != len(choices):
                err(at, "duplicate choices")
            total += 1
    print(f"{name}: {len(tr_topics)} topics, {total} questions, parallel to quiz.json")


def main():
    base = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    check_quiz(base / "quiz.json")
    check_words(base / "words.json")
    for lang in ("es", "fr", "de", "pt"):
        check_translation(base / "quiz.json", base / f"quiz.{lang}.json")
    if errors:
        print(f"\n{len(errors)} problem(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Word lists for the golden scripts: punctuation stripping, CoNLL-U forms, list digests."""
import hashlib
import unicodedata


def strip_punct(word):
    """`word` without leading and trailing characters of Unicode category P*."""
    begin, end = 0, len(word)
    while begin < end and unicodedata.category(word[begin])[0] == "P":
        begin += 1
    while end > begin and unicodedata.category(word[end - 1])[0] == "P":
        end -= 1
    return word[begin:end]


def conllu_forms(path):
    """The FORM column of every non-comment line with a tab (words and multiword tokens)."""
    forms = []
    for line in path.read_bytes().decode("utf-8").split("\n"):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) > 1:
            forms.append(fields[1])
    return forms


def words_digest(words):
    """SHA-256 of the words, each followed by a newline."""
    h = hashlib.sha256()
    for w in words:
        h.update(w.encode("utf-8") + b"\n")
    return h.hexdigest()

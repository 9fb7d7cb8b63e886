"""PHP's serialize() format, read only (the descriptions of Polylang's terms hold arrays in it)."""


class PHPValueError(ValueError):
    pass


def loads(text):
    """The value `text` holds: arrays become dicts; anything malformed raises PHPValueError."""
    if not text:
        raise PHPValueError("empty")
    data = text.encode("utf-8")
    value, position = _value(data, 0)
    return value


def _value(data, position):
    kind = data[position : position + 1]
    if kind == b"N":
        return None, position + 2
    if kind in (b"i", b"b", b"d"):
        end = data.index(b";", position)
        raw = data[position + 2 : end].decode()
        if kind == b"d":
            return float(raw), end + 1
        return int(raw), end + 1
    if kind == b"s":
        colon = data.index(b":", position + 2)
        length = int(data[position + 2 : colon])
        start = colon + 2  # :"
        text = data[start : start + length].decode("utf-8", "replace")
        return text, start + length + 2  # ";
    if kind == b"a":
        colon = data.index(b":", position + 2)
        count = int(data[position + 2 : colon])
        position = colon + 2  # :{
        result = {}
        for _index in range(count):
            key, position = _value(data, position)
            value, position = _value(data, position)
            result[key] = value
        return result, position + 1  # }
    raise PHPValueError(f"unsupported value at {position}")


def translations(text):
    """A Polylang translation group's description as {language slug: id}; {} when it is not one."""
    try:
        value = loads(text)
    except (PHPValueError, ValueError, IndexError):
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(key): int(val) for key, val in value.items() if isinstance(val, int) and key != "sync"}

#!/usr/bin/env python3
"""Generates src/console/kubectl/explain/schema.txt, the field documentation
`kubectl explain` prints, from the Kubernetes 1.35 API Go sources.

It reads, at tag v0.35.7, k8s.io/api (apps/v1 and core/v1 types.go and
types_swagger_doc_generated.go) and k8s.io/apimachinery (meta/v1 types,
intstr, resource.Quantity, metav1.Time), the same text the API server's
OpenAPI v3 documents are generated from, and rebuilds what kubectl's explain
template needs of each schema: the description (with openapi-gen's
"Possible enum values" list for +enum types), the type as kubectl's
`typeGuess` names it, whether the field is required (no `+optional`, no
`omitempty`) and the enum values (sorted, as openapi-gen sorts them).

Enums are what a running 1.35 API server serves: its OpenAPIEnums feature
(beta, on by default) keeps the `enum` lists and "Possible enum values"
paragraphs that openapi-gen writes for `+enum` types. The api/openapi-spec
files committed in kubernetes/kubernetes are generated without them; every
other text there is the same as here (checked for StatefulSetSpec,
StatefulSetStatus, ObjectMeta, OwnerReference, PodSpec, IntOrString, Time).

Usage: scripts/explain-schema.py API_GIT_DIR APIMACHINERY_GIT_DIR src/console/kubectl/explain

writes schema.txt (the table, to read and diff) and schema.txt.z (the same
text zlib-compressed, level 9: what the console compiles in and inflates at
first use, to keep the wasm page small).
"""
import re
import subprocess
import zlib
import sys

TAG = "v0.35.7"

# The schemas Ordinal explains, with their fields; anything else a field
# refers to is named (its type) but not described further.
OBJECTS = {
    "apps": ["StatefulSet", "StatefulSetSpec", "StatefulSetStatus", "StatefulSetUpdateStrategy",
             "RollingUpdateStatefulSetStrategy", "StatefulSetPersistentVolumeClaimRetentionPolicy",
             "StatefulSetOrdinals", "StatefulSetCondition"],
    "core": ["Service", "ServiceSpec", "ServicePort", "ServiceStatus", "SessionAffinityConfig",
             "ClientIPConfig", "LoadBalancerStatus", "LoadBalancerIngress", "PortStatus",
             "PersistentVolumeClaim", "PersistentVolumeClaimSpec", "PersistentVolumeClaimStatus",
             "PersistentVolumeClaimCondition", "VolumeResourceRequirements",
             "TypedLocalObjectReference", "TypedObjectReference", "ModifyVolumeStatus",
             "PodTemplateSpec", "PodSpec"],
    "meta": ["ObjectMeta", "ManagedFieldsEntry", "OwnerReference", "LabelSelector",
             "LabelSelectorRequirement", "Condition"],
}
# Schemas without properties whose description kubectl still prints when a
# field refers to them: the description comes from the type's doc comment.
LEAVES = {"Time": "meta_time", "MicroTime": "meta_micro_time", "IntOrString": "meta_intstr",
          "Quantity": "meta_quantity", "FieldsV1": "meta"}
# typeGuess of a $ref whose schema has a primitive type.
PRIMITIVE_REFS = {"Time": "string", "MicroTime": "string"}
# Schemas without a type (oneOf) or of type object: typeGuess names them.
NAMED_REFS = {"IntOrString", "Quantity", "FieldsV1", "RawExtension"}


def show(repo, path):
    return subprocess.run(["git", "--git-dir", repo, "show", f"{TAG}:{path}"],
                          check=True, capture_output=True, text=True).stdout


def go_string(lit):
    """The text of a swagger-doc string literal. The generator writes the
    doc comment with only `"` and newlines escaped, so a `\\\\` in it is two
    backslashes of the comment (as openapi-gen, reading the comment, keeps
    them: PodSpec.setHostnameAsFQDN's `HKEY_LOCAL_MACHINE\\\\SYSTEM`)."""
    out, i, s = [], 0, lit[1:-1]
    esc = {"n": "\n", "t": "\t", '"': '"', "\\": "\\\\", "'": "'"}
    while i < len(s):
        c = s[i]
        if c == "\\":
            n = s[i + 1]
            if n in esc:
                out.append(esc[n]); i += 2; continue
            if n == "u":
                out.append(chr(int(s[i + 2:i + 6], 16))); i += 6; continue
            raise SystemExit(f"escape {n!r}")
        out.append(c); i += 1
    return "".join(out)


def swagger_docs(src):
    docs = {}
    for m in re.finditer(r"var map_(\w+) = map\[string\]string\{\n(.*?)\n\}", src, re.S):
        fields = {}
        for line in m.group(2).split("\n"):
            lm = re.match(r'\s*"([^"]*)":\s*("(?:[^"\\]|\\.)*"),\s*$', line)
            if lm:
                fields[lm.group(1)] = go_string(lm.group(2))
        docs[m.group(1)] = fields
    return docs


def comment_block(lines, i):
    """The // lines right above line i."""
    out = []
    j = i - 1
    while j >= 0 and lines[j].strip().startswith("//"):
        out.insert(0, lines[j].strip()[2:].strip())
        j -= 1
    return out


def doc_lines(lines, i):
    """The doc comment above line i as go/ast's CommentGroup.Text gives it
    to gengo: without `//` and the one space after it."""
    out = []
    j = i - 1
    while j >= 0 and lines[j].lstrip().startswith("//"):
        text = lines[j].lstrip()[2:]
        out.insert(0, (text[1:] if text.startswith(" ") else text).rstrip())
        j -= 1
    return out


def doc_text(comment):
    """kube-openapi's generateDescription: a type's description from its
    doc comment (up to `---`, without markers and one-line TODOs; lines
    joined by spaces, blank lines kept as paragraph breaks, indented lines
    on lines of their own)."""
    buf = ""
    for line in comment:
        if line == "---":
            break
        line = line.rstrip(" ")
        leading = line.lstrip(" ")
        if line == "":
            buf = buf[:-1] + "\n\n"
        elif leading.startswith("TODO") or leading.startswith("+"):
            continue
        elif line.startswith(" ") or line.startswith("\t"):
            buf = buf[:-1] + "\n" + line + "\n"
        else:
            buf += line + " "
    return buf.strip()


def parse_go(src):
    lines = src.split("\n")
    structs, named, enums, consts = {}, {}, set(), {}
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^type (\w+) struct \{", line)
        if m:
            name, fields, comment = m.group(1), [], comment_block(lines, i)
            i += 1
            while not lines[i].startswith("}"):
                fm = re.match(r"^\t(?:(\w+)\s+)?([\w\.\*\[\]]+)\s+`json:\"([^\"]*)\"", lines[i])
                if fm:
                    fields.append((fm.group(1), fm.group(2), fm.group(3), comment_block(lines, i)))
                i += 1
            structs[name] = (fields, comment)
            continue
        m = re.match(r"^type (\w+) (\S.*)$", line)
        if m:
            named[m.group(1)] = m.group(2).strip()
            if "+enum" in comment_block(lines, i):
                enums.add(m.group(1))
        m = re.match(r'^\t(\w+)\s+(\w+)\s+= ("[^"]*")', line)
        if m:
            consts.setdefault(m.group(2), []).append((m.group(1), go_string(m.group(3)), comment_block(lines, i)))
        i += 1
    return structs, named, enums, consts


def main():
    api, mach = sys.argv[1], sys.argv[2]
    srcs = {
        "apps": (show(api, "apps/v1/types.go"), show(api, "apps/v1/types_swagger_doc_generated.go")),
        "core": (show(api, "core/v1/types.go"), show(api, "core/v1/types_swagger_doc_generated.go")),
        "meta": (show(mach, "pkg/apis/meta/v1/types.go"), show(mach, "pkg/apis/meta/v1/types_swagger_doc_generated.go")),
    }
    extra = {
        "meta_time": show(mach, "pkg/apis/meta/v1/time.go"),
        "meta_micro_time": show(mach, "pkg/apis/meta/v1/micro_time.go"),
        "meta_intstr": show(mach, "pkg/util/intstr/intstr.go"),
        "meta_quantity": show(mach, "pkg/api/resource/quantity.go"),
    }
    parsed, docs = {}, {}
    for pkg, (types_go, swag) in srcs.items():
        parsed[pkg] = parse_go(types_go)
        docs[pkg] = swagger_docs(swag)
    named_all, enums_all, consts_all = {}, set(), {}
    for pkg in parsed:
        _, named, enums, consts = parsed[pkg]
        named_all.update(named); enums_all |= enums
        for k, v in consts.items():
            consts_all.setdefault(k, []).extend(v)

    def guess(t):
        t = t.lstrip("*")
        if t.startswith("[]"):
            return "string" if t == "[]byte" else "[]" + guess(t[2:])
        if t.startswith("map["):
            return "map[string]" + guess(t[t.index("]") + 1:])
        base = t.split(".")[-1]
        if base in ("string", "UID"):
            return "string"
        if base in ("int", "int32", "int64"):
            return "integer"
        if base == "bool":
            return "boolean"
        if base == "float64":
            return "number"
        if base in PRIMITIVE_REFS:
            return PRIMITIVE_REFS[base]
        if base in NAMED_REFS:
            return base
        if base in named_all:
            return guess(named_all[base])
        return base

    def ref(t):
        """The schema a field's $ref (through items or additionalProperties)
        names, if any: what kubectl follows into and whose description it
        adds to the field's."""
        t = t.lstrip("*")
        while t.startswith("[]") or t.startswith("map["):
            t = t[2:] if t.startswith("[]") else t[t.index("]") + 1:]
            t = t.lstrip("*")
        base = t.split(".")[-1]
        if base in named_all:
            under = named_all[base]
            return ref(under) if (under.startswith("map[") or under.startswith("[]")) else ""
        if base in ("string", "int", "int32", "int64", "bool", "float64", "byte", "UID"):
            return ""
        return base

    def enum_of(t):
        base = t.lstrip("*").split(".")[-1]
        if base not in enums_all:
            return []
        return sorted(consts_all.get(base, []), key=lambda c: c[1])

    def enum_doc(values):
        # kube-openapi's enumValue.Description and DescriptionLines: the
        # constant's comment without its leading name, white space collapsed,
        # lines sorted; generateDescription trims each line's trailing space.
        lines = []
        for name, value, comment in values:
            text = " ".join(comment).strip()
            if text.startswith(name):
                text = text[len(name):]
            text = re.sub(r"\s+", " ", text.strip())
            lines.append((' - `"%s"` %s' % (value, text)).rstrip(" "))
        return "\n".join(["Possible enum values:"] + sorted(lines))

    def esc(s):
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")

    out = [f"# Generated by scripts/explain-schema.py from k8s.io/api and k8s.io/apimachinery {TAG}.",
           "# @Type<TAB>description, then field<TAB>type<TAB>$ref<TAB>required<TAB>enum,values<TAB>description"]
    for pkg, names in OBJECTS.items():
        structs = parsed[pkg][0]
        for name in names:
            fields, _ = structs[name]
            d = docs[pkg][name]
            out.append(f"@{name}\t{esc(d.get('', ''))}")
            rows = []
            for fname, ftype, tag, comment in fields:
                json_name, *opts = tag.split(",")
                if json_name == "-":
                    continue
                if fname is None and "inline" in opts:
                    # metav1.TypeMeta: apiVersion and kind.
                    for sub in parsed["meta"][0]["TypeMeta"][0]:
                        jn = sub[2].split(",")[0]
                        rows.append((jn, guess(sub[1]), "", False, [], docs["meta"]["TypeMeta"][jn]))
                    continue
                optional = ("omitempty" in opts or any(c.startswith("+optional") or c.startswith("+k8s:optional") for c in comment))
                desc = d.get(json_name, "")
                values = enum_of(ftype)
                if values:
                    desc += "\n\n" + enum_doc(values)
                rows.append((json_name, guess(ftype), ref(ftype), not optional, [v[1] for v in values], desc))
            for jn, ty, rf, req, values, desc in sorted(rows):
                out.append("\t".join([jn, ty, rf, "1" if req else "", ",".join(values), esc(desc)]))
    for name, src in LEAVES.items():
        if src == "meta":
            text = docs["meta"][name][""]
        else:
            lines = extra[src].split("\n")
            idx = next(i for i, l in enumerate(lines) if re.match(rf"^type {name} ", l))
            text = doc_text(doc_lines(lines, idx))
        out.append(f"@{name}\t{esc(text)}")
    text = ("\n".join(out) + "\n").encode()
    with open(f"{sys.argv[3]}/schema.txt", "wb") as f:
        f.write(text)
    with open(f"{sys.argv[3]}/schema.txt.z", "wb") as f:
        f.write(zlib.compress(text, 9))


main()

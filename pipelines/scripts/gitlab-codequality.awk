# Turns validate's text report into a GitLab Code Quality report (a JSON array), so findings show
# in the merge request's diff. The fingerprint leaves out the line, so a finding keeps its identity
# when lines above it move.
function json(s,   out, i, c) {
  out = ""
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (c == "\\" || c == "\"") out = out "\\" c
    else if (c == "\t") out = out "\\t"
    else out = out c
  }
  return out
}
# A hash in awk itself: running a shell on text that comes from the inventory would let a crafted
# value run commands in CI.
function fingerprint(s,   h1, h2, i, c) {
  h1 = 5381; h2 = 52711
  for (i = 1; i <= length(s); i++) {
    c = (substr(s, i, 1) in ord) ? ord[substr(s, i, 1)] : 255
    h1 = (h1 * 33 + c) % 2147483647
    h2 = (h2 * 31 + c) % 2147483629
  }
  return sprintf("%08x%08x", h1, h2)
}
BEGIN {
  for (i = 0; i < 256; i++) ord[sprintf("%c", i)] = i
  printf "["
}
{
  if (!match($0, /^[^:]+:[0-9]+:[0-9]+: /)) next
  split(substr($0, 1, RLENGTH - 2), loc, ":")
  msg = substr($0, RLENGTH + 1)
  severity = "major"
  if (match(msg, /^[^ :]+: warning: /)) severity = "minor"
  key = loc[1] "|" msg "|" (++seen[loc[1] "|" msg])
  printf "%s{\"description\":\"%s\",\"check_name\":\"%s\",\"fingerprint\":\"%s\",\"severity\":\"%s\",\"location\":{\"path\":\"%s\",\"lines\":{\"begin\":%d}}}", \
    (n++ ? "," : ""), json(msg), json(substr(msg, 1, index(msg, ":") - 1)), fingerprint(key), severity, json(loc[1]), loc[2]
}
END { print "]" }

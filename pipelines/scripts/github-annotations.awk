# Turns validate's text report (FILE:LINE:COL: RULE: [warning: ]FIELD: MESSAGE) into GitHub
# workflow commands, so each finding shows on its line of the pull request.
function data(s) { gsub(/%/, "%25", s); gsub(/\r/, "%0D", s); return s }
function prop(s) { s = data(s); gsub(/:/, "%3A", s); gsub(/,/, "%2C", s); return s }
{
  if (!match($0, /^[^:]+:[0-9]+:[0-9]+: /)) next
  split(substr($0, 1, RLENGTH - 2), loc, ":")
  msg = substr($0, RLENGTH + 1)
  level = "error"
  if (match(msg, /^[^ :]+: warning: /)) {
    level = "warning"
    msg = substr(msg, 1, index(msg, ":") - 1) ": " substr(msg, RLENGTH + 1)
  }
  printf "::%s file=%s,line=%d,col=%d::%s\n", level, prop(loc[1]), loc[2], loc[3], data(msg)
}

# bash completion for pacific-ctl
#
# Commands and verbs are listed here; the options of each come from
# pacific-ctl's own --help, so they always agree with the program.

_pacific_ctl_verbs() {
  case $1 in
    account) echo "add list remove" ;;
    namespaces|releases|images|clusters) echo "list" ;;
    cluster) echo "get create wait scale upgrade delete" ;;
    kubeconfig) echo "export" ;;
    access) echo "list grant revoke" ;;
    registry-ca) echo "add remove status" ;;
    prereqs) echo "check" ;;
    pod-security) echo "apply" ;;
  esac
}

# The options pacific-ctl COMMAND [VERB] --help lists, long and short
_pacific_ctl_options() {
  "$@" --help 2>/dev/null | grep -oE -- '(^|[ ,])(--[a-z][a-z-]*|-[a-zA-Z])' | tr -d ' ,' | sort -u
}

_pacific_ctl() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local program=${COMP_WORDS[0]}
  local commands="account trust namespaces releases images clusters cluster kubeconfig signout pod-security access registry-ca prereqs credential"
  case $prev in
    -o|--output) COMPREPLY=($(compgen -W "table json yaml" -- "$cur")); return ;;
    --mode) COMPREPLY=($(compgen -W "plugin token admin" -- "$cur")); return ;;
    --for) COMPREPLY=($(compgen -W "running deleted" -- "$cur")); return ;;
    --cni) COMPREPLY=($(compgen -W "antrea calico" -- "$cur")); return ;;
    --kind) COMPREPLY=($(compgen -W "supervisor vcenter" -- "$cur")); return ;;
    --route) COMPREPLY=($(compgen -W "cluster global daemonset" -- "$cur")); return ;;
    --role) COMPREPLY=($(compgen -W "cluster-admin admin edit view" -- "$cur")); return ;;
    --level|--audit|--warn) COMPREPLY=($(compgen -W "privileged baseline restricted none" -- "$cur")); return ;;
    --scope) COMPREPLY=($(compgen -W "namespaces cluster" -- "$cur")); return ;;
    -f|--filename|--file|--ca-file|--from-file|--kubeconfig) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur")); return
  fi
  local command=${COMP_WORDS[1]} verbs
  verbs=$(_pacific_ctl_verbs "$command")
  if [ "$COMP_CWORD" -eq 2 ] && [ -n "$verbs" ] && [[ $cur != -* ]]; then
    COMPREPLY=($(compgen -W "$verbs" -- "$cur")); return
  fi
  local asked=("$program" "$command")
  if [ -n "$verbs" ] && [[ " $verbs " == *" ${COMP_WORDS[2]} "* ]]; then
    asked+=("${COMP_WORDS[2]}")
  fi
  COMPREPLY=($(compgen -W "$(_pacific_ctl_options "${asked[@]}")" -- "$cur"))
}
complete -F _pacific_ctl pacific-ctl

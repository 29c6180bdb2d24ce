# bash completion for pacific-ctl
_pacific_ctl() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local commands="account trust namespaces releases images clusters cluster kubeconfig signout pod-security access registry-ca prereqs credential"
  local connection="--server --user --account --ca-file --password-stdin --password-from --output -o --namespace -n --help"
  case $prev in
    -o|--output) COMPREPLY=($(compgen -W "table json yaml" -- "$cur")); return ;;
    --mode) COMPREPLY=($(compgen -W "plugin token admin" -- "$cur")); return ;;
    --for) COMPREPLY=($(compgen -W "running deleted" -- "$cur")); return ;;
    --cni) COMPREPLY=($(compgen -W "antrea calico" -- "$cur")); return ;;
    --kind) COMPREPLY=($(compgen -W "supervisor vcenter" -- "$cur")); return ;;
    --route) COMPREPLY=($(compgen -W "cluster global daemonset" -- "$cur")); return ;;
    -f|--filename|--file|--ca-file|--from-file|--kubeconfig) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur")); return
  fi
  if [ "$COMP_CWORD" -eq 2 ]; then
    case ${COMP_WORDS[1]} in
      account) COMPREPLY=($(compgen -W "add list remove" -- "$cur")); return ;;
      namespaces|releases|images|clusters) COMPREPLY=($(compgen -W "list" -- "$cur")); return ;;
      cluster) COMPREPLY=($(compgen -W "get create wait scale upgrade delete" -- "$cur")); return ;;
      kubeconfig) COMPREPLY=($(compgen -W "export" -- "$cur")); return ;;
      access) COMPREPLY=($(compgen -W "list grant revoke" -- "$cur")); return ;;
      registry-ca) COMPREPLY=($(compgen -W "add remove status" -- "$cur")); return ;;
      prereqs) COMPREPLY=($(compgen -W "check" -- "$cur")); return ;;
      pod-security) COMPREPLY=($(compgen -W "apply" -- "$cur")); return ;;
    esac
  fi
  local extra=""
  case "${COMP_WORDS[1]} ${COMP_WORDS[2]}" in
    "cluster create") extra="--filename -f --name --release --control-plane --workers --vm-class --storage-class --cni --dry-run --apply" ;;
    "cluster wait") extra="--for --timeout" ;;
    "cluster scale") extra="--workers --pool --control-plane --yes" ;;
    "cluster upgrade") extra="--release --yes" ;;
    "cluster delete") extra="--yes" ;;
    "clusters list") extra="--all-namespaces -A" ;;
    "kubeconfig export") extra="--mode --file --set-current --dry-run" ;;
    "account add") extra="--kind --name --remember" ;;
  esac
  COMPREPLY=($(compgen -W "$connection $extra" -- "$cur"))
}
complete -F _pacific_ctl pacific-ctl

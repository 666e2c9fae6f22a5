# Sourced by ./wasmoon, .ci/run and the bench scripts: sets WASMOON_JDK to a
# JDK 25 or newer -- $JAVA_HOME when it is one, else the first /usr/lib/jvm/*25*
# that has jlink -- or prints why not and returns 1.

# The feature version (25 of "25.0.1") of the JDK at $1, from its release file.
wasmoon_jdk_feature() {
  local release="$1/release" version
  [[ -f $release ]] || return 1
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  [[ -n $version ]] || return 1
  printf '%s\n' "$version"
}

wasmoon_find_jdk() {
  local candidate feature
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    feature=$(wasmoon_jdk_feature "$JAVA_HOME" || echo 0)
    if (( feature >= 25 )); then
      WASMOON_JDK=$JAVA_HOME
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*25*; do
    if [[ -x $candidate/bin/java && -x $candidate/bin/jlink ]]; then
      WASMOON_JDK=$candidate
      return 0
    fi
  done
  echo "wasmoon: no JDK 25 found: set JAVA_HOME to a JDK 25 or newer (looked at \$JAVA_HOME=${JAVA_HOME:-unset} and /usr/lib/jvm/*25*)" >&2
  return 1
}

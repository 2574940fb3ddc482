# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_skiff_global_optspecs
    string join \n root= runroot= log-level= h/help V/version
end

function __fish_skiff_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_skiff_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_skiff_using_subcommand
    set -l cmd (__fish_skiff_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c skiff -n "__fish_skiff_needs_command" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_needs_command" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in /tmp)' -r -F
complete -c skiff -n "__fish_skiff_needs_command" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_needs_command" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "info" -d 'Display information about the host and what skiff can do on it'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "version" -d 'Display the skiff version'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "completion" -d 'Generate shell completion scripts'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "system" -d 'Manage skiff itself'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "internal-unpack"
complete -c skiff -n "__fish_skiff_needs_command" -f -a "internal-rm"
complete -c skiff -n "__fish_skiff_using_subcommand info" -s f -l format -d 'Output format: text or json' -r -f -a "text\t'Human-readable output'
json\t'JSON'"
complete -c skiff -n "__fish_skiff_using_subcommand info" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand info" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand info" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand info" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand version" -s f -l format -d 'Output format: text or json' -r -f -a "text\t'Human-readable output'
json\t'JSON'"
complete -c skiff -n "__fish_skiff_using_subcommand version" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand version" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand version" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand version" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand completion" -s f -l file -d 'Write the script to FILE instead of stdout' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand completion" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand completion" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info" -f -a "info" -d 'Display information about the host (same as `skiff info`)'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'Output format: text or json' -r -f -a "text\t'Human-readable output'
json\t'JSON'"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l arch -d 'Override the architecture of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l os -d 'Override the OS of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l variant -d 'Override the architecture variant of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pull" -s q -l quiet -d 'Print only the image id'
complete -c skiff -n "__fish_skiff_using_subcommand pull" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pull" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l dest -d 'Empty directory to unpack into' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l mapped-ids -d 'Number of container ids mapped' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l userns -d 'Enter a user namespace first (the parent maps it)'
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l single-id -d 'Only one id is mapped: owners other than root are counted, not set'
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l userns
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -s V -l version -d 'Print version'

# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_skiff_global_optspecs
    string join \n root= runroot= log-level= events-backend= noout cgroup-manager= storage-driver= storage-opt= runtime= runtime-flag= tmpdir= syslog hooks-dir= h/help V/version
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
complete -c skiff -n "__fish_skiff_needs_command" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_needs_command" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_needs_command" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_needs_command" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_needs_command" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_needs_command" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_needs_command" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_needs_command" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_needs_command" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_needs_command" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_needs_command" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_needs_command" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_needs_command" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "info" -d 'Display information about the host and what skiff can do on it'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "version" -d 'Display the skiff version'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "completion" -d 'Generate shell completion scripts'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "system" -d 'Manage skiff itself'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "run" -d 'Run a command in a new container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "create" -d 'Create a container without starting it'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "start" -d 'Start a created or exited container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "init" -d 'Initialize containers: prepare them without running their command (start runs it)'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "ps" -d 'List containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "logs" -d 'Show a container\'s output'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "stop" -d 'Stop containers (stop signal, then SIGKILL after a timeout)'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "kill" -d 'Send a signal to containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "rm" -d 'Remove containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "exec" -d 'Run a command in a running container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "cp" -d 'Copy files between a running container and the host'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "top" -d 'Show a container\'s processes'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "healthcheck" -d 'Run containers\' healthchecks'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "stats" -d 'Show containers\' resource use'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "pause" -d 'Pause all processes of containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "unpause" -d 'Resume paused containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "attach" -d 'Attach to a running detached container\'s output and input'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "rename" -d 'Rename a container'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "port" -d 'List a container\'s published ports'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "events" -d 'Show events: containers created, started, died, removed; images pulled and removed'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "restart" -d 'Restart containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "container" -d 'Manage containers'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "images" -d 'List images'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "image" -d 'Manage images'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "rmi" -d 'Remove images'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "tag" -d 'Add names to an image'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "inspect" -d 'Display details of containers or images as JSON'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "network" -d 'Manage bridge networks'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "pod" -d 'Manage pods'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "secret" -d 'Manage secrets'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "generate" -d 'Generate systemd units or Kubernetes YAML'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "kube" -d 'Play, take down and generate Kubernetes YAML'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "play" -d 'Create pods from Kubernetes YAML'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "unshare" -d 'Run a command in a user namespace with the store\'s id mapping (as root there)'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "mount" -d 'Mount containers\' root filesystems (as root, or inside `skiff unshare`)'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "unmount" -d 'Unmount containers\' root filesystems'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "push" -d 'Push an image to a registry'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "build" -d 'The platform and bookkeeping flags'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "builder" -d 'Manage the build cache'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "manifest" -d 'Manage multi-platform manifest lists'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "commit" -d 'Create an image from a container\'s changes'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "export" -d 'Export a container\'s files as a tar archive'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "import" -d 'Create an image from a root filesystem tarball'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "diff" -d 'Show what a container changed (or an image\'s top layer)'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "save" -d 'Save images to an archive (docker-archive, oci-archive) or directory'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "load" -d 'Load images from an archive (docker-archive, oci-archive; gzip or zstd too)'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "search" -d 'Search registries for images, or list a repository\'s tags'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "login" -d 'Log in to a registry'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "logout" -d 'Log out of a registry'
complete -c skiff -n "__fish_skiff_needs_command" -f -a "internal-unpack"
complete -c skiff -n "__fish_skiff_needs_command" -f -a "internal-pack"
complete -c skiff -n "__fish_skiff_needs_command" -f -a "internal-rm"
complete -c skiff -n "__fish_skiff_needs_command" -f -a "internal-supervise"
complete -c skiff -n "__fish_skiff_needs_command" -f -a "internal-netns-holder"
complete -c skiff -n "__fish_skiff_needs_command" -f -a "internal-userns-pause"
complete -c skiff -n "__fish_skiff_needs_command" -f -a "internal-dns"
complete -c skiff -n "__fish_skiff_needs_command" -f -a "internal-build"
complete -c skiff -n "__fish_skiff_needs_command" -f -a "internal-op"
complete -c skiff -n "__fish_skiff_using_subcommand info" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand info" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand info" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand info" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand info" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand info" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand info" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand info" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand info" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand info" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand info" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand info" -s f -l format -d 'Output format: text, json, or a Go template (e.g. \'{{.Host.Arch}}\')' -r
complete -c skiff -n "__fish_skiff_using_subcommand info" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand info" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand info" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand info" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand version" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand version" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand version" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand version" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand version" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand version" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand version" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand version" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand version" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand version" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand version" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand version" -s f -l format -d 'Output format: text, json, or a Go template (e.g. \'{{.Client.Version}}\', as with podman)' -r
complete -c skiff -n "__fish_skiff_using_subcommand version" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand version" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand version" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand version" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand completion" -s f -l file -d 'Write the script to FILE instead of stdout' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand completion" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand completion" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand completion" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -f -a "info" -d 'Display information about the host (same as `skiff info`)'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -f -a "check" -d 'Check the store for leftovers of interrupted operations and broken references'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -f -a "reset" -d 'Remove every image, layer and container in the store'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -f -a "df" -d 'Show the disk space images, containers and volumes use'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -f -a "prune" -d 'Remove stopped containers, dangling (or, with -a, unused) images and, with --volumes, unused volumes'
complete -c skiff -n "__fish_skiff_using_subcommand system; and not __fish_seen_subcommand_from info check reset df prune service" -f -a "service" -d 'Serve the Docker Engine API (docker CLI, compose, Testcontainers) on a socket until idle'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'Output format: text, json, or a Go template (e.g. \'{{.Host.Arch}}\')' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -s r -l repair -d 'Remove what is broken or left over'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not ask for confirmation'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from reset" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'Go template or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -s v -l verbose -d 'One line per image, container and volume'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from df" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l filter -d 'Only what passes these filters: label=KEY[=VALUE], label!=..., until=TIME' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Every image no container uses, not only dangling ones'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumes -d 'Unused volumes too'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -s t -l time -d 'Exit after SECONDS without a connection (0: never)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l cors -d 'Allowed CORS origins (podman\'s flag; skiff sends no CORS headers, browsers are refused)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l print-socket -d 'Print the default socket\'s URI (for DOCKER_HOST) and exit'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l allow-remote -d 'Allow a tcp:// address other than loopback (unauthenticated: anyone who reaches it controls your containers)'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand system; and __fish_seen_subcommand_from service" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l arch -d 'Override the architecture of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l os -d 'Override the OS of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l variant -d 'Override the architecture variant of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l tls-verify -d 'Require HTTPS with a verified certificate (`--tls-verify=false`: also plain HTTP and unverified HTTPS; default: as registries.conf says, plain HTTP allowed on loopback)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l cert-dir -d 'Use the CA certificates (*.crt) in DIR for the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l authfile -d 'Read credentials from FILE only (auth.json format)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l creds -d 'Credentials for the registry: USER:PASSWORD' -r
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pull" -s q -l quiet -d 'Print only the image id'
complete -c skiff -n "__fish_skiff_using_subcommand pull" -l disable-content-trust -d 'Docker\'s content trust; podman ignores it, and so does skiff'
complete -c skiff -n "__fish_skiff_using_subcommand pull" -s a -l all-tags -d 'Pull every tag of the repository'
complete -c skiff -n "__fish_skiff_using_subcommand pull" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pull" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l detach-keys -d 'Keys that detach from a foreground container (accepted; run with -d and use `skiff attach`, which detaches with ctrl-p,ctrl-q)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l sig-proxy -d 'Forward signals received by skiff to the container' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -s a -l attach -d 'Show only these streams of a foreground container: stdin, stdout, stderr (the others are logged only; stdin needs -i)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l name -d 'Name of the container (default: a generated one)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s e -l env -d 'Set environment variables (NAME=VALUE, or NAME to pass the host\'s value)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l env-file -d 'Read environment variables from a file (NAME=VALUE lines)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l entrypoint -d 'Override the image\'s entrypoint ("" clears it; a JSON array is split)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s u -l user -d 'User to run as: name|uid[:group|gid]' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l group-add -d 'Additional groups for the container process' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l hostname -d 'Container host name (default: the short id)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /tmp, /var/tmp and /run' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l tmpfs -d 'Mount a tmpfs: /path[:options]' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cap-add -d 'Add a capability (NET_ADMIN, ALL, ...)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cap-drop -d 'Drop a capability (NET_RAW, ALL, ...)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l security-opt -d 'Security options: seccomp=unconfined|PROFILE.json, no-new-privileges' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l network -d 'Network mode: pasta (default when installed), slirp4netns, none, host, container:NAME, or bridge networks: NAME[,NAME...] or NAME:alias=A,ip=IP,mac=MAC (repeatable; bridge and podman mean the default network)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l pod -d 'Run in this pod (NAME or id), or in a new one: new:NAME (which gets the network and ports given here)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l pod-id-file -d 'Run in the pod whose id this file holds' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l network-alias -d 'Another name the container answers to on its bridge networks' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l ip -d 'Its IPv4 address on its (first) bridge network' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l ip6 -d 'Its IPv6 address on its (first) bridge network' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l mac-address -d 'Its MAC address on its (first) bridge network' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s v -l volume -d 'Mount a host path or named volume: HOST_PATH|NAME:CONTAINER_PATH[:ro|rw|z|Z], or a new anonymous volume: CONTAINER_PATH' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l mount -d 'Mount: type=bind|volume|tmpfs,source=,target=[,readonly][,tmpfs-size=][,tmpfs-mode=]' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l volumes-from -d 'Mount every bind and volume of another container: CONTAINER[:ro|rw]' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s p -l publish -d 'Publish a container port on the host: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp]' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l dns -d 'DNS server for the container\'s resolv.conf' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l dns-search -d 'DNS search domain' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l dns-option -d 'DNS resolver option (e.g. ndots:2)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l add-host -d 'Add an /etc/hosts entry: NAME:IP (IP may be host-gateway)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l ulimit -d 'Resource limits: NAME=SOFT[:HARD], e.g. nofile=1024:2048' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l umask -d 'umask of the container process (octal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l userns -d 'User namespace: keep-id[:uid=N,gid=N] (your ids unchanged inside) or host (the default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l uidmap -d 'UID map CONTAINER:HOST:SIZE, HOST counted in your default mapping (0 = you)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l gidmap -d 'GID map CONTAINER:HOST:SIZE, HOST counted in your default mapping (0 = you)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l env-merge -d 'Set environment variables with ${NAME} replaced by their values (e.g. PATH=/opt:${PATH})' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l unsetenv -d 'Drop an environment variable the image sets' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l http-proxy -d 'Pass the host\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l tz -d 'Time zone of the container: a zone name (Europe/Paris) or `local` (the host\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l shm-size -d 'Size of /dev/shm (e.g. 64m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l personality -d 'Execution domain: LINUX or LINUX32' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l oom-score-adj -d 'Tune the container\'s OOM preference (-1000 to 1000; lowering needs privileges)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l device -d 'Make a host device available: HOST[:CONTAINER][:PERMS] (e.g. /dev/fuse)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l sysctl -d 'Set a namespaced kernel parameter: KEY=VALUE (net.*, kernel.shm*, kernel.msg*, ...)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l stop-timeout -d 'Seconds `stop` waits for this container before SIGKILL (default 10)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l timeout -d 'Kill the container after it ran this many seconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l secret -d 'Give the container a secret: NAME[,type=mount|env][,target=PATH|VAR][,uid=,gid=,mode=] (default: a file at /run/secrets/NAME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l log-driver -d 'Log driver: k8s-file (the default), journald, none, or passthrough (foreground only: the container writes to skiff\'s own stdout and stderr)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l log-opt -d 'Log options: path=FILE, max-size=SIZE, max-file=N (rotated files kept), tag=NAME' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l pid -d 'PID namespace: private (its own, the default) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l uts -d 'UTS namespace: private (its own host name, the default) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l ipc -d 'IPC namespace: private or shareable (its own, the default), host, or none (no /dev/shm)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l chrootdirs -d 'Dirs inside the container treated as chroots: they get /etc/hosts, /etc/hostname and /etc/resolv.conf too' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l seccomp-policy -d 'Seccomp policy: default (skiff\'s profile or --security-opt seccomp=); image (a profile named in the image) is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l init-path -d 'Path of the init binary for --init (skiff\'s init is built in: accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l preserve-fds -d 'Pass N more descriptors (3 to 3+N-1) of the caller to the container process' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l stop-signal -d 'Signal to stop the container with' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l restart -d 'Restart policy for detached containers: no, on-failure[:N], always, unless-stopped' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s l -l label -d 'Set a label (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l label-file -d 'Read labels from a file (KEY=VALUE lines)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l annotation -d 'Set an annotation (KEY=VALUE), shown by inspect' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l expose -d 'Expose a port (PORT[/tcp|udp], or a range) for --publish-all, beside the image\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l image-volume -d 'What to do with the image\'s VOLUMEs: bind (anonymous volumes), tmpfs or ignore' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l requires -d 'Start these containers first (comma-separated names or ids) when they are not running' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l pidfile -d 'Write the container\'s PID (on the host) to FILE when it starts' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l conmon-pidfile -d 'Write the PID of the process that watches the container (skiff\'s supervisor, or skiff in the foreground) to FILE' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l hostuser -d 'Add these host users to the container\'s /etc/passwd (and their group to /etc/group)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l passwd -d 'Add an /etc/passwd entry for --user when the image has none (podman\'s default)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l passwd-entry -d 'The /etc/passwd entry to add for --user: $USERNAME, $UID, $GID, $NAME, $HOME expand' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l subuidname -d 'Map the container\'s ids through this user\'s /etc/subuid range (only your own)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l subgidname -d 'Map the container\'s groups through this user\'s /etc/subgid range (only your own)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-cmd -d 'Healthcheck command (shell form, or a JSON array)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-interval -d 'Time between healthchecks (e.g. 30s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-retries -d 'Failures in a row before the container is unhealthy' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-start-period -d 'Time after start during which failures do not count' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-timeout -d 'Time a check may take' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l health-on-failure -d 'What to do once the container is unhealthy: none, kill, restart or stop' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cidfile -d 'Write the container id to FILE (which must not exist)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l pull -d 'When to pull the image' -r -f -a "missing\t'Pull only when the image is not in the store'
always\t'Always pull (layers already present are not fetched again)'
never\t'Never pull; fail when the image is missing'
newer\t'Pull when the registry has a different image for the name'"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l systemd -d 'Run systemd (or init) as the command: true (when the command is systemd or /sbin/init), always, false. Mounts tmpfs on /run, /run/lock, /tmp, /var/log/journal, sets container=skiff and stops with SIGRTMIN+3' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l sdnotify -d 'With systemd\'s NOTIFY_SOCKET: conmon (skiff says READY=1 once the container runs), container (the container gets the socket and says it itself), healthy (READY=1 once the healthcheck passes), ignore' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l gpus -d 'GPUs to add, as CDI devices (`all` = nvidia.com/gpu=all)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s m -l memory -d 'Memory limit (e.g. 512m, 1g); the OOM killer ends the container beyond it' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l memory-reservation -d 'Memory soft limit' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l memory-swappiness -d 'How readily the kernel swaps the container\'s memory out (0-100)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpus -d 'CPUs the container may use (e.g. 1.5): a quota per 100 ms period' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -s c -l cpu-shares -d 'Relative CPU weight (default 1024)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpu-quota -d 'CPU time per period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpu-period -d 'The CPU period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpu-rt-period -d 'Real-time CPU period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpu-rt-runtime -d 'Real-time CPU runtime per period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-1, 0,2)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cpuset-mems -d 'Memory nodes the container may use' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l pids-limit -d 'Most processes the container may have (-1: unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l blkio-weight -d 'Relative block I/O weight (10-1000)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (e.g. /dev/sda:1mb)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l device-read-iops -d 'Read operations per second of a device: DEVICE:N' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l device-write-iops -d 'Write operations per second of a device: DEVICE:N' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cgroups -d 'Whether the container gets a cgroup of its own: enabled (for resource limits), disabled, no-conmon and split (the same as enabled: skiff\'s supervisor never shares it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cgroupns -d 'Cgroup namespace: private (its own view) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cgroup-parent -d 'Parent cgroup of the container\'s cgroup (relative to the hierarchy\'s root)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cgroup-conf -d 'Write a cgroup v2 file of the container: KEY=VALUE (e.g. memory.high=64m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l device-cgroup-rule -d 'A device cgroup rule (e.g. \'c 10:200 rwm\'); skiff containers cannot create device nodes, so there is nothing to allow: accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l arch -d 'Override the architecture of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l os -d 'Override the OS of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l variant -d 'Override the architecture variant of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l tls-verify -d 'Require HTTPS with a verified certificate (`--tls-verify=false`: also plain HTTP and unverified HTTPS; default: as registries.conf says, plain HTTP allowed on loopback)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand run" -l cert-dir -d 'Use the CA certificates (*.crt) in DIR for the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l authfile -d 'Read credentials from FILE only (auth.json format)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand run" -l creds -d 'Credentials for the registry: USER:PASSWORD' -r
complete -c skiff -n "__fish_skiff_using_subcommand run" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand run" -s d -l detach -d 'Run in the background and print the container id'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l rm -d 'Remove the container when it exits'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l rmi -d 'Remove the container and then its image when it exits (unless others use the image)'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l replace -d 'Replace a container with the same name'
complete -c skiff -n "__fish_skiff_using_subcommand run" -s i -l interactive -d 'Keep stdin open'
complete -c skiff -n "__fish_skiff_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l env-host -d 'Pass the whole host environment'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l read-only -d 'Mount the root filesystem read-only'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l privileged -d 'Give all capabilities, no seccomp, no masked paths'
complete -c skiff -n "__fish_skiff_using_subcommand run" -s P -l publish-all -d 'Publish every port the image exposes on a free host port'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l init -d 'Run an init as PID 1 that forwards signals and reaps zombies'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l unsetenv-all -d 'Drop every environment variable the image sets'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of generating one'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l no-healthcheck -d 'Disable the image\'s healthcheck'
complete -c skiff -n "__fish_skiff_using_subcommand run" -s q -l quiet -d 'Do not print pull progress'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l rootfs -d 'The first argument is a directory holding a root filesystem, not an image (PATH:O: an overlay over it keeps the directory unchanged)'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l oom-kill-disable -d 'Keep the OOM killer away from the container'
complete -c skiff -n "__fish_skiff_using_subcommand run" -l disable-content-trust -d 'Docker\'s content trust; podman ignores it, and so does skiff'
complete -c skiff -n "__fish_skiff_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand run" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -s a -l attach -d 'The streams `start --attach` shows: stdin, stdout, stderr (the others are logged only)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l init-ctr -d 'An init container of its pod: always (run at every pod start) or once (removed after its first successful run); it runs to completion before the pod\'s other containers start' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l name -d 'Name of the container (default: a generated one)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s e -l env -d 'Set environment variables (NAME=VALUE, or NAME to pass the host\'s value)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l env-file -d 'Read environment variables from a file (NAME=VALUE lines)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l entrypoint -d 'Override the image\'s entrypoint ("" clears it; a JSON array is split)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s u -l user -d 'User to run as: name|uid[:group|gid]' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l group-add -d 'Additional groups for the container process' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l hostname -d 'Container host name (default: the short id)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /tmp, /var/tmp and /run' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l tmpfs -d 'Mount a tmpfs: /path[:options]' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cap-add -d 'Add a capability (NET_ADMIN, ALL, ...)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cap-drop -d 'Drop a capability (NET_RAW, ALL, ...)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l security-opt -d 'Security options: seccomp=unconfined|PROFILE.json, no-new-privileges' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l network -d 'Network mode: pasta (default when installed), slirp4netns, none, host, container:NAME, or bridge networks: NAME[,NAME...] or NAME:alias=A,ip=IP,mac=MAC (repeatable; bridge and podman mean the default network)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l pod -d 'Run in this pod (NAME or id), or in a new one: new:NAME (which gets the network and ports given here)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l pod-id-file -d 'Run in the pod whose id this file holds' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l network-alias -d 'Another name the container answers to on its bridge networks' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l ip -d 'Its IPv4 address on its (first) bridge network' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l ip6 -d 'Its IPv6 address on its (first) bridge network' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l mac-address -d 'Its MAC address on its (first) bridge network' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s v -l volume -d 'Mount a host path or named volume: HOST_PATH|NAME:CONTAINER_PATH[:ro|rw|z|Z], or a new anonymous volume: CONTAINER_PATH' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l mount -d 'Mount: type=bind|volume|tmpfs,source=,target=[,readonly][,tmpfs-size=][,tmpfs-mode=]' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l volumes-from -d 'Mount every bind and volume of another container: CONTAINER[:ro|rw]' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s p -l publish -d 'Publish a container port on the host: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp]' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l dns -d 'DNS server for the container\'s resolv.conf' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l dns-search -d 'DNS search domain' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l dns-option -d 'DNS resolver option (e.g. ndots:2)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l add-host -d 'Add an /etc/hosts entry: NAME:IP (IP may be host-gateway)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l ulimit -d 'Resource limits: NAME=SOFT[:HARD], e.g. nofile=1024:2048' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l umask -d 'umask of the container process (octal)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l userns -d 'User namespace: keep-id[:uid=N,gid=N] (your ids unchanged inside) or host (the default)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l uidmap -d 'UID map CONTAINER:HOST:SIZE, HOST counted in your default mapping (0 = you)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l gidmap -d 'GID map CONTAINER:HOST:SIZE, HOST counted in your default mapping (0 = you)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l env-merge -d 'Set environment variables with ${NAME} replaced by their values (e.g. PATH=/opt:${PATH})' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l unsetenv -d 'Drop an environment variable the image sets' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l http-proxy -d 'Pass the host\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l tz -d 'Time zone of the container: a zone name (Europe/Paris) or `local` (the host\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l shm-size -d 'Size of /dev/shm (e.g. 64m, 1g)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l personality -d 'Execution domain: LINUX or LINUX32' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l oom-score-adj -d 'Tune the container\'s OOM preference (-1000 to 1000; lowering needs privileges)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l device -d 'Make a host device available: HOST[:CONTAINER][:PERMS] (e.g. /dev/fuse)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l sysctl -d 'Set a namespaced kernel parameter: KEY=VALUE (net.*, kernel.shm*, kernel.msg*, ...)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l stop-timeout -d 'Seconds `stop` waits for this container before SIGKILL (default 10)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l timeout -d 'Kill the container after it ran this many seconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l secret -d 'Give the container a secret: NAME[,type=mount|env][,target=PATH|VAR][,uid=,gid=,mode=] (default: a file at /run/secrets/NAME)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l log-driver -d 'Log driver: k8s-file (the default), journald, none, or passthrough (foreground only: the container writes to skiff\'s own stdout and stderr)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l log-opt -d 'Log options: path=FILE, max-size=SIZE, max-file=N (rotated files kept), tag=NAME' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l pid -d 'PID namespace: private (its own, the default) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l uts -d 'UTS namespace: private (its own host name, the default) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l ipc -d 'IPC namespace: private or shareable (its own, the default), host, or none (no /dev/shm)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l chrootdirs -d 'Dirs inside the container treated as chroots: they get /etc/hosts, /etc/hostname and /etc/resolv.conf too' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l seccomp-policy -d 'Seccomp policy: default (skiff\'s profile or --security-opt seccomp=); image (a profile named in the image) is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l init-path -d 'Path of the init binary for --init (skiff\'s init is built in: accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l preserve-fds -d 'Pass N more descriptors (3 to 3+N-1) of the caller to the container process' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l stop-signal -d 'Signal to stop the container with' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l restart -d 'Restart policy for detached containers: no, on-failure[:N], always, unless-stopped' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s l -l label -d 'Set a label (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l label-file -d 'Read labels from a file (KEY=VALUE lines)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l annotation -d 'Set an annotation (KEY=VALUE), shown by inspect' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l expose -d 'Expose a port (PORT[/tcp|udp], or a range) for --publish-all, beside the image\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l image-volume -d 'What to do with the image\'s VOLUMEs: bind (anonymous volumes), tmpfs or ignore' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l requires -d 'Start these containers first (comma-separated names or ids) when they are not running' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l pidfile -d 'Write the container\'s PID (on the host) to FILE when it starts' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l conmon-pidfile -d 'Write the PID of the process that watches the container (skiff\'s supervisor, or skiff in the foreground) to FILE' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l hostuser -d 'Add these host users to the container\'s /etc/passwd (and their group to /etc/group)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l passwd -d 'Add an /etc/passwd entry for --user when the image has none (podman\'s default)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l passwd-entry -d 'The /etc/passwd entry to add for --user: $USERNAME, $UID, $GID, $NAME, $HOME expand' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l subuidname -d 'Map the container\'s ids through this user\'s /etc/subuid range (only your own)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l subgidname -d 'Map the container\'s groups through this user\'s /etc/subgid range (only your own)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-cmd -d 'Healthcheck command (shell form, or a JSON array)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-interval -d 'Time between healthchecks (e.g. 30s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-retries -d 'Failures in a row before the container is unhealthy' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-start-period -d 'Time after start during which failures do not count' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-timeout -d 'Time a check may take' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l health-on-failure -d 'What to do once the container is unhealthy: none, kill, restart or stop' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cidfile -d 'Write the container id to FILE (which must not exist)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l pull -d 'When to pull the image' -r -f -a "missing\t'Pull only when the image is not in the store'
always\t'Always pull (layers already present are not fetched again)'
never\t'Never pull; fail when the image is missing'
newer\t'Pull when the registry has a different image for the name'"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l systemd -d 'Run systemd (or init) as the command: true (when the command is systemd or /sbin/init), always, false. Mounts tmpfs on /run, /run/lock, /tmp, /var/log/journal, sets container=skiff and stops with SIGRTMIN+3' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l sdnotify -d 'With systemd\'s NOTIFY_SOCKET: conmon (skiff says READY=1 once the container runs), container (the container gets the socket and says it itself), healthy (READY=1 once the healthcheck passes), ignore' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l gpus -d 'GPUs to add, as CDI devices (`all` = nvidia.com/gpu=all)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s m -l memory -d 'Memory limit (e.g. 512m, 1g); the OOM killer ends the container beyond it' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l memory-reservation -d 'Memory soft limit' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l memory-swappiness -d 'How readily the kernel swaps the container\'s memory out (0-100)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpus -d 'CPUs the container may use (e.g. 1.5): a quota per 100 ms period' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -s c -l cpu-shares -d 'Relative CPU weight (default 1024)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpu-quota -d 'CPU time per period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpu-period -d 'The CPU period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpu-rt-period -d 'Real-time CPU period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpu-rt-runtime -d 'Real-time CPU runtime per period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-1, 0,2)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cpuset-mems -d 'Memory nodes the container may use' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l pids-limit -d 'Most processes the container may have (-1: unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l blkio-weight -d 'Relative block I/O weight (10-1000)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (e.g. /dev/sda:1mb)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l device-read-iops -d 'Read operations per second of a device: DEVICE:N' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l device-write-iops -d 'Write operations per second of a device: DEVICE:N' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cgroups -d 'Whether the container gets a cgroup of its own: enabled (for resource limits), disabled, no-conmon and split (the same as enabled: skiff\'s supervisor never shares it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cgroupns -d 'Cgroup namespace: private (its own view) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cgroup-parent -d 'Parent cgroup of the container\'s cgroup (relative to the hierarchy\'s root)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cgroup-conf -d 'Write a cgroup v2 file of the container: KEY=VALUE (e.g. memory.high=64m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l device-cgroup-rule -d 'A device cgroup rule (e.g. \'c 10:200 rwm\'); skiff containers cannot create device nodes, so there is nothing to allow: accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l arch -d 'Override the architecture of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l os -d 'Override the OS of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l variant -d 'Override the architecture variant of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l tls-verify -d 'Require HTTPS with a verified certificate (`--tls-verify=false`: also plain HTTP and unverified HTTPS; default: as registries.conf says, plain HTTP allowed on loopback)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand create" -l cert-dir -d 'Use the CA certificates (*.crt) in DIR for the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l authfile -d 'Read credentials from FILE only (auth.json format)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand create" -l creds -d 'Credentials for the registry: USER:PASSWORD' -r
complete -c skiff -n "__fish_skiff_using_subcommand create" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l rm -d 'Remove the container when it exits'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l replace -d 'Replace a container with the same name'
complete -c skiff -n "__fish_skiff_using_subcommand create" -s i -l interactive -d 'Keep stdin open'
complete -c skiff -n "__fish_skiff_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l env-host -d 'Pass the whole host environment'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l read-only -d 'Mount the root filesystem read-only'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l privileged -d 'Give all capabilities, no seccomp, no masked paths'
complete -c skiff -n "__fish_skiff_using_subcommand create" -s P -l publish-all -d 'Publish every port the image exposes on a free host port'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l init -d 'Run an init as PID 1 that forwards signals and reaps zombies'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l unsetenv-all -d 'Drop every environment variable the image sets'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of generating one'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l no-healthcheck -d 'Disable the image\'s healthcheck'
complete -c skiff -n "__fish_skiff_using_subcommand create" -s q -l quiet -d 'Do not print pull progress'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l rootfs -d 'The first argument is a directory holding a root filesystem, not an image (PATH:O: an overlay over it keeps the directory unchanged)'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l oom-kill-disable -d 'Keep the OOM killer away from the container'
complete -c skiff -n "__fish_skiff_using_subcommand create" -l disable-content-trust -d 'Docker\'s content trust; podman ignores it, and so does skiff'
complete -c skiff -n "__fish_skiff_using_subcommand create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c skiff -n "__fish_skiff_using_subcommand create" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand start" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand start" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand start" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand start" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand start" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand start" -l sig-proxy -d 'Forward signals to the container' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand start" -s f -l filter -d 'Start the containers that pass these filters (as in `ps --filter`)' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l detach-keys -d 'Keys that detach an attached session (accepted; use `skiff attach` to detach from a running container)' -r
complete -c skiff -n "__fish_skiff_using_subcommand start" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand start" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand start" -s a -l attach -d 'Attach to the container\'s output and wait for it'
complete -c skiff -n "__fish_skiff_using_subcommand start" -s i -l interactive -d 'Attach stdin too'
complete -c skiff -n "__fish_skiff_using_subcommand start" -l all -d 'Start every container that is not running'
complete -c skiff -n "__fish_skiff_using_subcommand start" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand start" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand start" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand init" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand init" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand init" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand init" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand init" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand init" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand init" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand init" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand init" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand init" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand init" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand init" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand init" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand init" -s a -l all -d 'Initialize every container that is created or exited'
complete -c skiff -n "__fish_skiff_using_subcommand init" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand init" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand init" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s n -l last -d 'Show the N latest created containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s f -l filter -d 'Filter: name=, id=, status=, label=, ancestor=' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l format -d 'Go template or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l sort -d 'Order by: command, created, id, image, names, runningfor, size, status' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s w -l watch -d 'Print the list again every N seconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s a -l all -d 'Show all containers (default: running only)'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s q -l quiet -d 'Show only ids'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s l -l latest -d 'Show the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l no-trunc -d 'Do not truncate ids and commands'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l noheading -d 'Leave out the table\'s header line'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s s -l size -d 'Add the SIZE column: the container\'s own changes (and with its image)'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l ns -d 'Add the namespaces of running containers (CGROUPNS IPC MNT NET PIDNS USERNS UTS)'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s p -l pod -d 'Add the POD ID and PODNAME columns'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l external -d 'Include containers in the store that skiff does not manage (there are none: accepted)'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -l sync -d 'Check the state of every container against the system first (skiff always does)'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand ps" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l tail -d 'Only the last N lines ("all" for everything)' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l since -d 'Only lines since TIME (RFC 3339, or a duration like 10m, 1h30s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l until -d 'Only lines before TIME' -r
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -s f -l follow -d 'Keep printing new output until the container exits'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -s t -l timestamps -d 'Prefix each line with its timestamp'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -s n -l names -d 'Prefix each line with the container\'s name'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -l color -d 'Color the --names prefix'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand logs" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s t -l time -d 'Seconds to wait before killing the container (default: its --stop-timeout, else 10)' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s f -l filter -d 'Stop the containers that pass these filters (as in `ps --filter`)' -r
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l cidfile -d 'Read the container id from FILE (as written by `run --cidfile`)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand stop" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s a -l all -d 'Stop all running containers'
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s i -l ignore -d 'Ignore containers that do not exist'
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand stop" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kill" -s s -l signal -d 'Signal to send (name or number)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l cidfile -d 'Read the container id from FILE (as written by `run --cidfile`)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand kill" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand kill" -s a -l all -d 'Signal all running containers'
complete -c skiff -n "__fish_skiff_using_subcommand kill" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand kill" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand kill" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s t -l time -d 'With --force: send the stop signal and wait this many seconds before killing (default: kill at once, as docker does)' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l filter -d 'Remove the containers that pass these filters (as in `ps --filter`)' -r
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l cidfile -d 'Read the container id from FILE (as written by `run --cidfile`)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s f -l force -d 'Remove running containers too (killed at once, or after --time with the stop signal)'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s a -l all -d 'Remove all containers'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s v -l volumes -d 'Remove the container\'s anonymous volumes too'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s i -l ignore -d 'Ignore containers that do not exist'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -l depend -d 'Remove the containers that depend on it (--network container:) first'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand rm" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s e -l env -d 'Set environment variables (NAME=VALUE, or NAME to pass the host\'s value)' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l env-file -d 'Read environment variables from a file (NAME=VALUE lines)' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l detach-keys -d 'Keys that detach from the process (accepted; an exec session cannot be detached from)' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s u -l user -d 'User to run as: name|uid[:group|gid]' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s w -l workdir -d 'Working directory' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l preserve-fds -d 'Pass N more descriptors (3 to 3+N-1) of the caller to the process' -r
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s i -l interactive -d 'Keep stdin open'
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s d -l detach -d 'Run in the background'
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s l -l latest -d 'Run in the latest created container (the first argument is then the command)'
complete -c skiff -n "__fish_skiff_using_subcommand exec" -l privileged -d 'Give the process all capabilities'
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand exec" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand cp" -s a -l archive -d 'Files copied into a container belong to its user (false: to its root)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand cp" -l overwrite -d 'Let a directory replace a non-directory and the other way round'
complete -c skiff -n "__fish_skiff_using_subcommand cp" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand cp" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l condition -d 'Condition to wait for: stopped (exited) or running' -r
complete -c skiff -n "__fish_skiff_using_subcommand wait" -s i -l interval -d 'Time between checks (e.g. 250ms, 1s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand wait" -l ignore -d 'Print -1 for containers that do not exist instead of failing'
complete -c skiff -n "__fish_skiff_using_subcommand wait" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand wait" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand wait" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand top" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand top" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand top" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand top" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand top" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand top" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand top" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand top" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand top" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand top" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand top" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand top" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand top" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand top" -s l -l latest -d 'Show the latest created container (the arguments are then all descriptors)'
complete -c skiff -n "__fish_skiff_using_subcommand top" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand top" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -f -a "run" -d 'Run a container\'s healthcheck now: prints healthy or unhealthy, exits 0 or 1'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l format -d 'Go template or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -s i -l interval -d 'Seconds between samples' -r
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l no-stream -d 'Print one sample and exit'
complete -c skiff -n "__fish_skiff_using_subcommand stats" -s a -l all -d 'All containers (the default without names; stopped ones have nothing to show)'
complete -c skiff -n "__fish_skiff_using_subcommand stats" -s l -l latest -d 'Show the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l no-reset -d 'Keep CPU figures per interval (the only way skiff computes them; accepted for podman)'
complete -c skiff -n "__fish_skiff_using_subcommand stats" -l no-trunc -d 'Do not truncate ids'
complete -c skiff -n "__fish_skiff_using_subcommand stats" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand stats" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pause" -s f -l filter -d 'The containers that pass these filters (as in `ps --filter`)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l cidfile -d 'Read the container id from FILE (as written by `run --cidfile`)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pause" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pause" -s a -l all -d 'All running (pause) or paused (unpause) containers'
complete -c skiff -n "__fish_skiff_using_subcommand pause" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand pause" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pause" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -s f -l filter -d 'The containers that pass these filters (as in `ps --filter`)' -r
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l cidfile -d 'Read the container id from FILE (as written by `run --cidfile`)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -s a -l all -d 'All running (pause) or paused (unpause) containers'
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand unpause" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l detach-keys -d 'Keys that detach and leave the container running (empty: none)' -r
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l sig-proxy -d 'Forward signals to the container' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand attach" -l no-stdin -d 'Do not attach stdin'
complete -c skiff -n "__fish_skiff_using_subcommand attach" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand attach" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand attach" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand rename" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand rename" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand rename" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand port" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand port" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand port" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand port" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand port" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand port" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand port" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand port" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand port" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand port" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand port" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand port" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand port" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand port" -s a -l all -d 'Show the ports of every running container'
complete -c skiff -n "__fish_skiff_using_subcommand port" -s l -l latest -d 'Show the ports of the latest container'
complete -c skiff -n "__fish_skiff_using_subcommand port" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand port" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand events" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand events" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand events" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand events" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand events" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand events" -l since -d 'Show events since TIME (RFC 3339, unix seconds, or a duration before now like 10m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l until -d 'Show events until TIME; with --stream, follow until then' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l stream -d 'Keep printing new events as they happen (the default); --stream=false prints the events so far and exits' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand events" -s f -l filter -d 'KEY=VALUE: type (container|image), event (create|start|kill|died|stop|remove|pull|untag), container (name or id), image, label (KEY or KEY=VALUE). The same key twice means either; different keys must all match' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l format -d '`json` (one object per line) or a Go template over its fields ({{.Status}}, {{.ID}}, {{.Name}}, {{.Image}}, {{.Type}}, {{.Time}}, {{.ContainerExitCode}})' -r
complete -c skiff -n "__fish_skiff_using_subcommand events" -l no-trunc -d 'Full ids (the default); --no-trunc=false shortens them to 12 characters' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand events" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand events" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand events" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand events" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand restart" -s t -l time -d 'Seconds to wait for the stop before killing (default: its --stop-timeout, else 10)' -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -s f -l filter -d 'Restart the containers that pass these filters (as in `ps --filter`)' -r
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l cidfile -d 'Read the container id from FILE (as written by `run --cidfile`)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand restart" -s a -l all -d 'Restart every container that is not running (with --running: every running one)'
complete -c skiff -n "__fish_skiff_using_subcommand restart" -l running -d 'With --all: the running containers only'
complete -c skiff -n "__fish_skiff_using_subcommand restart" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand restart" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand restart" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -f -a "ls" -d 'List containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -f -a "inspect" -d 'Display a container\'s details as JSON'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -f -a "prune" -d 'Remove all stopped containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -f -a "rm" -d 'Remove containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -f -a "stop" -d 'Stop containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -f -a "init" -d 'Initialize containers: prepare them without running their command (start runs it)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -f -a "rename" -d 'Rename a container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -f -a "port" -d 'List a container\'s published ports'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -f -a "mount" -d 'Mount containers\' root filesystems (as root, or inside `skiff unshare`)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -f -a "unmount" -d 'Unmount containers\' root filesystems'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -f -a "clone" -d 'Create a copy of a container (its configuration; optionally another name, image, limits)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -f -a "export-spec" -d 'Write the container\'s OCI runtime spec (config.json), as any OCI runtime can run it'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -f -a "checkpoint" -d 'Checkpoint running containers with CRIU (as root): their processes\' state, to restore later'
complete -c skiff -n "__fish_skiff_using_subcommand container; and not __fish_seen_subcommand_from ls inspect prune rm stop init rename wait port mount unmount clone export-spec checkpoint restore" -f -a "restore" -d 'Restore checkpointed containers (or one from a --export archive or checkpoint image)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Show the N latest created containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name=, id=, status=, label=, ancestor=' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Go template or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l sort -d 'Order by: command, created, id, image, names, runningfor, size, status' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s w -l watch -d 'Print the list again every N seconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all containers (default: running only)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Show only ids'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate ids and commands'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l noheading -d 'Leave out the table\'s header line'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Add the SIZE column: the container\'s own changes (and with its image)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l ns -d 'Add the namespaces of running containers (CGROUPNS IPC MNT NET PIDNS USERNS UTS)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s p -l pod -d 'Add the POD ID and PODNAME columns'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l external -d 'Include containers in the store that skiff does not manage (there are none: accepted)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l sync -d 'Check the state of every container against the system first (skiff always does)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Go template applied to each result, or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -s t -l type -d 'What the names are: container, image or all (containers first)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Add the sizes of containers: SizeRw (their own changes) and SizeRootFs (with the image)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l filter -d 'Only the containers that pass these filters: label=KEY[=VALUE], label!=..., until=TIME' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'With --force: send the stop signal and wait this many seconds before killing (default: kill at once, as docker does)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l filter -d 'Remove the containers that pass these filters (as in `ps --filter`)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l cidfile -d 'Read the container id from FILE (as written by `run --cidfile`)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove running containers too (killed at once, or after --time with the stop signal)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove the container\'s anonymous volumes too'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore containers that do not exist'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l depend -d 'Remove the containers that depend on it (--network container:) first'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait before killing the container (default: its --stop-timeout, else 10)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s f -l filter -d 'Stop the containers that pass these filters (as in `ps --filter`)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l cidfile -d 'Read the container id from FILE (as written by `run --cidfile`)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s a -l all -d 'Stop all running containers'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Ignore containers that do not exist'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -s a -l all -d 'Initialize every container that is created or exited'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from rename" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l condition -d 'Condition to wait for: stopped (exited) or running' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -s i -l interval -d 'Time between checks (e.g. 250ms, 1s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l ignore -d 'Print -1 for containers that do not exist instead of failing'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from wait" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -s a -l all -d 'Show the ports of every running container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -s l -l latest -d 'Show the ports of the latest container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from port" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l format -d 'json: the mounted containers as JSON' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -s a -l all -d 'Mount every container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l no-trunc -d 'Show full container ids'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from mount" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -s a -l all -d 'Unmount every mounted container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -s f -l force -d 'Detach the mount even while something uses it'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from unmount" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l name -d 'Name of the clone (also the second argument; default: the original\'s name + "-clone")' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l pod -d 'Pod to put the clone in (skiff has no pods yet: refused unless it is the original\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -s m -l memory -d 'Memory limit (e.g. 512m, 1g); the OOM killer ends the container beyond it' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l memory-reservation -d 'Memory soft limit' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l memory-swappiness -d 'How readily the kernel swaps the container\'s memory out (0-100)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpus -d 'CPUs the container may use (e.g. 1.5): a quota per 100 ms period' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -s c -l cpu-shares -d 'Relative CPU weight (default 1024)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-quota -d 'CPU time per period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-period -d 'The CPU period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-rt-period -d 'Real-time CPU period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpu-rt-runtime -d 'Real-time CPU runtime per period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-1, 0,2)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cpuset-mems -d 'Memory nodes the container may use' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l pids-limit -d 'Most processes the container may have (-1: unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l blkio-weight -d 'Relative block I/O weight (10-1000)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (e.g. /dev/sda:1mb)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l device-read-iops -d 'Read operations per second of a device: DEVICE:N' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l device-write-iops -d 'Write operations per second of a device: DEVICE:N' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cgroups -d 'Whether the container gets a cgroup of its own: enabled (for resource limits), disabled, no-conmon and split (the same as enabled: skiff\'s supervisor never shares it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cgroupns -d 'Cgroup namespace: private (its own view) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cgroup-parent -d 'Parent cgroup of the container\'s cgroup (relative to the hierarchy\'s root)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cgroup-conf -d 'Write a cgroup v2 file of the container: KEY=VALUE (e.g. memory.high=64m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l device-cgroup-rule -d 'A device cgroup rule (e.g. \'c 10:200 rwm\'); skiff containers cannot create device nodes, so there is nothing to allow: accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l destroy -d 'Remove the original container once the clone exists'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -s f -l force -d 'With --destroy: remove the original even when it is running'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l run -d 'Start the clone (detached)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l oom-kill-disable -d 'Keep the OOM killer away from the container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from clone" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export-spec" -s o -l output -d 'Write the spec to this file (default: stdout); with --bundle, the bundle directory' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export-spec" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export-spec" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export-spec" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export-spec" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export-spec" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export-spec" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export-spec" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export-spec" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export-spec" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export-spec" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export-spec" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export-spec" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export-spec" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export-spec" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from export-spec" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s e -l export -d 'Export the checkpoint to FILE (a tar archive; `container restore --import FILE` restores it, here or on another machine with the same image)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s c -l compress -d 'Compression of the --export archive: zstd, gzip or none' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l create-image -d 'Also store the checkpoint as a local image NAME (`container restore NAME` restores it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s a -l all -d 'Checkpoint every running container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s R -l leave-running -d 'Leave the container running after writing the checkpoint'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s k -l keep -d 'Keep CRIU\'s work files and logs (in the container\'s checkpoint dir; kept anyway until the restore)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l tcp-established -d 'Checkpoint established TCP connections too'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l file-locks -d 'Checkpoint file locks too'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l ignore-rootfs -d 'With --export: leave out the changes to the root filesystem'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l ignore-volumes -d 'With --export: leave out the named volumes\' content'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s P -l pre-checkpoint -d 'Dump the memory only (the container keeps running); a later `--with-previous` checkpoint writes only the pages changed since'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l with-previous -d 'Checkpoint on top of the --pre-checkpoint made before'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l print-stats -d 'Print CRIU\'s figures as JSON (podman\'s shape) instead of the names'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from checkpoint" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -s i -l import -d 'Restore from an archive written by `checkpoint --export`: a new container' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l import-previous -d 'With --import: the pre-checkpoint archive written by `checkpoint -P --export`' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -s n -l name -d 'With --import: the new container\'s name (default: the checkpointed one\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -s p -l publish -d 'Publish these ports instead of the ones it was created with (HOST:CONTAINER, as `run -p`)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l pod -d 'Restore into an existing pod (refused: a pod\'s containers share its namespaces, which CRIU cannot join)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -s a -l all -d 'Restore every checkpointed container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -s k -l keep -d 'Keep the checkpoint once restored'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l tcp-established -d 'Restore established TCP connections (when they were checkpointed)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l file-locks -d 'Restore file locks'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l ignore-rootfs -d 'With --import: do not apply the archive\'s root filesystem changes'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l ignore-volumes -d 'With --import: do not restore the named volumes\' content'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l ignore-static-ip -d 'Accepted for podman\'s scripts: skiff checkpoints no bridge network, so there is no static address to ignore'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l ignore-static-mac -d 'Accepted for podman\'s scripts (as --ignore-static-ip)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l print-stats -d 'Print CRIU\'s figures as JSON (podman\'s shape) instead of the names'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand container; and __fish_seen_subcommand_from restore" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand images" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand images" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand images" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand images" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand images" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand images" -s f -l filter -d 'Filter: reference=PATTERN (glob), dangling=true|false' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l format -d 'Go template (e.g. \'{{.Repository}}:{{.Tag}}\', \'table {{.ID}}\\t{{.Size}}\') or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l sort -d 'Order by: created, id, repository, size or tag' -r
complete -c skiff -n "__fish_skiff_using_subcommand images" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand images" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand images" -s a -l all -d 'Show all images (skiff stores no intermediate images, so this is the default list)'
complete -c skiff -n "__fish_skiff_using_subcommand images" -s q -l quiet -d 'Show only image ids'
complete -c skiff -n "__fish_skiff_using_subcommand images" -l digests -d 'Show digests'
complete -c skiff -n "__fish_skiff_using_subcommand images" -l no-trunc -d 'Do not truncate ids'
complete -c skiff -n "__fish_skiff_using_subcommand images" -l noheading -d 'Leave out the table\'s header line'
complete -c skiff -n "__fish_skiff_using_subcommand images" -l history -d 'Add the HISTORY column: the names the image had'
complete -c skiff -n "__fish_skiff_using_subcommand images" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand images" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -f -a "ls" -d 'List images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -f -a "pull" -d 'Pull an image from a registry'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -f -a "inspect" -d 'Display an image\'s details as JSON'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -f -a "history" -d 'Show the history of an image'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -f -a "rm" -d 'Remove images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -f -a "tag" -d 'Add names to an image'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -f -a "prune" -d 'Remove unused images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -f -a "tree" -d 'Show an image\'s layers as a tree'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -f -a "push" -d 'Push an image to a registry'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -f -a "build" -d 'Build an image from a Containerfile'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -f -a "exists" -d 'Exit 0 when the image is in the store, 1 when not'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -f -a "save" -d 'Save images to an archive or directory'
complete -c skiff -n "__fish_skiff_using_subcommand image; and not __fish_seen_subcommand_from ls pull inspect history rm tag prune tree push build exists save load" -f -a "load" -d 'Load images from an archive'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: reference=PATTERN (glob), dangling=true|false' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Go template (e.g. \'{{.Repository}}:{{.Tag}}\', \'table {{.ID}}\\t{{.Size}}\') or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l sort -d 'Order by: created, id, repository, size or tag' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images (skiff stores no intermediate images, so this is the default list)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Show only image ids'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate ids'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l noheading -d 'Leave out the table\'s header line'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l history -d 'Add the HISTORY column: the names the image had'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l arch -d 'Override the architecture of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l os -d 'Override the OS of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l variant -d 'Override the architecture variant of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS with a verified certificate (`--tls-verify=false`: also plain HTTP and unverified HTTPS; default: as registries.conf says, plain HTTP allowed on loopback)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l cert-dir -d 'Use the CA certificates (*.crt) in DIR for the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Read credentials from FILE only (auth.json format)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Credentials for the registry: USER:PASSWORD' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Print only the image id'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l disable-content-trust -d 'Docker\'s content trust; podman ignores it, and so does skiff'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -s a -l all-tags -d 'Pull every tag of the repository'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from pull" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Go template applied to each result, or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Go template or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Do not truncate ids and commands'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Show only ids'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove images with several names by id, and keep going past errors'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore images that do not exist'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l no-prune -d 'Keep dangling parent images (skiff stores none: accepted)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tag" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l filter -d 'Only the images that pass these filters: label=KEY[=VALUE], label!=..., until=TIME' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove every image, not only dangling ones'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l external -d 'Also images that other tools put in the store (skiff\'s store has none: accepted)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l whatrequires -d 'Show the images built on this one (that share all of its layers) instead'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from tree" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest format: oci or v2s2 (docker); default: the image\'s own' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-format -d 'Layer compression: gzip or zstd (default: as stored; plain layers get gzip)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-level -d 'Compression level (gzip 0-9, zstd 1-19)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the manifest digest to FILE' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l sign-by -d 'Sign with this key (skiff does not sign images: refused)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l sign-by-sigstore-private-key -d 'Sign with this sigstore private key (skiff does not sign images: refused)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l sign-passphrase-file -d 'The passphrase of the signing key (refused with the signing flags)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS with a verified certificate (`--tls-verify=false`: also plain HTTP and unverified HTTPS; default: as registries.conf says, plain HTTP allowed on loopback)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l cert-dir -d 'Use the CA certificates (*.crt) in DIR for the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l authfile -d 'Read credentials from FILE only (auth.json format)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l creds -d 'Credentials for the registry: USER:PASSWORD' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l compress -d 'Accepted for podman\'s scripts (layers are compressed unless stored plain and pushed so)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l remove-signatures -d 'Push without signatures (skiff stores none: always true)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print nothing but errors and the digest'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l disable-content-trust -d 'Docker\'s content trust; podman ignores it, and so does skiff'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s f -l file -d 'The Containerfile (default: Containerfile, then Dockerfile, in the context; - reads stdin)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name the image (several allowed)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg -d 'Set a build argument: NAME=VALUE (or NAME to take it from the environment)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg-file -d 'Read build arguments from FILE (NAME=VALUE lines)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l target -d 'Build up to this stage' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l pull -d 'When to pull base images: always, missing (default), never, newer' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l layers -d 'Use cached steps (false: build every step, as --no-cache, but keep the results)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l label -d 'Add a label to the image: KEY=VALUE' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l format -d 'Image format: oci (default) or docker' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image id to FILE' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l env -d 'Set an environment variable in the final image: NAME=VALUE' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l unsetenv -d 'Remove an environment variable from the final image' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'The platform to build for: the host\'s (another needs qemu-user-static, which skiff does not use)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l ignorefile -d 'Use this ignore file instead of .containerignore/.dockerignore' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l timestamp -d 'Set every created time (and COPY file times) to these Unix seconds (default: $SOURCE_DATE_EPOCH)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l secret -d 'A secret for `RUN --mount=type=secret`: id=ID,src=PATH or id=ID,env=NAME (never in a layer)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l annotation -d 'An annotation for the image\'s manifest: KEY=VALUE' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l network -d 'Network for RUN steps: default (skiff\'s default network) or none' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-ttl -d 'Build cached steps older than this again (e.g. 24h)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS with a verified certificate (`--tls-verify=false`: also plain HTTP and unverified HTTPS; default: as registries.conf says, plain HTTP allowed on loopback)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cert-dir -d 'Use the CA certificates (*.crt) in DIR for the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l authfile -d 'Read credentials from FILE only (auth.json format)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l creds -d 'Credentials for the registry: USER:PASSWORD' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l add-host -d 'Add a host entry in RUN steps: NAME:IP' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-add -d 'Add a capability to RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-drop -d 'Drop a capability from RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l device -d 'A host device in RUN steps: HOST[:CONTAINER][:PERMS]' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l dns -d 'DNS servers of RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l dns-option -d 'DNS options of RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l dns-search -d 'DNS search domains of RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l security-opt -d 'Security options of RUN steps: seccomp=unconfined|PROFILE.json, no-new-privileges' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l shm-size -d 'Size of /dev/shm in RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l ulimit -d 'Resource limits of RUN steps: TYPE=SOFT[:HARD]' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s v -l volume -d 'Mount in RUN steps: HOST_PATH|NAME:CONTAINER_PATH[:OPTIONS] (not part of the image)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l ipc -d 'IPC namespace of RUN steps: private (default), host, none' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l pid -d 'PID namespace of RUN steps: private (default) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l uts -d 'UTS namespace of RUN steps: private (default) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l http-proxy -d 'Pass the host\'s proxy variables to RUN steps (default true)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l userns -d 'User namespace of RUN steps: the store\'s mapping (the default) or host for root' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l userns-uid-map -d 'Custom uid map of RUN steps (refused: build steps use the store\'s mapping)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l userns-gid-map -d 'Custom gid map of RUN steps (refused: build steps use the store\'s mapping)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l userns-uid-map-user -d 'Uid map from /etc/subuid of this user (refused: build steps use the store\'s mapping)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l userns-gid-map-group -d 'Gid map from /etc/subgid of this group (refused: build steps use the store\'s mapping)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s m -l memory -d 'Memory limit (e.g. 512m, 1g); the OOM killer ends the container beyond it' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l memory-reservation -d 'Memory soft limit' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l memory-swappiness -d 'How readily the kernel swaps the container\'s memory out (0-100)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cpus -d 'CPUs the container may use (e.g. 1.5): a quota per 100 ms period' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s c -l cpu-shares -d 'Relative CPU weight (default 1024)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-quota -d 'CPU time per period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-period -d 'The CPU period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-rt-period -d 'Real-time CPU period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-rt-runtime -d 'Real-time CPU runtime per period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-1, 0,2)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cpuset-mems -d 'Memory nodes the container may use' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l pids-limit -d 'Most processes the container may have (-1: unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l blkio-weight -d 'Relative block I/O weight (10-1000)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (e.g. /dev/sda:1mb)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l device-read-iops -d 'Read operations per second of a device: DEVICE:N' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l device-write-iops -d 'Write operations per second of a device: DEVICE:N' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroups -d 'Whether the container gets a cgroup of its own: enabled (for resource limits), disabled, no-conmon and split (the same as enabled: skiff\'s supervisor never shares it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroupns -d 'Cgroup namespace: private (its own view) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroup-parent -d 'Parent cgroup of the container\'s cgroup (relative to the hierarchy\'s root)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroup-conf -d 'Write a cgroup v2 file of the container: KEY=VALUE (e.g. memory.high=64m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l device-cgroup-rule -d 'A device cgroup rule (e.g. \'c 10:200 rwm\'); skiff containers cannot create device nodes, so there is nothing to allow: accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l arch -d 'Architecture to build for (the host\'s: skiff does not emulate others)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l os -d 'Operating system to build for (linux)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l variant -d 'Architecture variant to build for (the host\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l manifest -d 'Add the built image to this manifest list (created when missing)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-from -d 'Accepted: skiff\'s step cache is local (said once)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-to -d 'Accepted: skiff\'s step cache is local (said once)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s D -l disable-compression -d 'Accepted: layers are stored uncompressed and compressed when pushed' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l force-rm -d 'Accepted: RUN step containers are always removed' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l rm -d 'Accepted: RUN step containers are always removed' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l isolation -d 'Accepted: skiff runs RUN steps with its own runtime (oci, rootless and chroot all mean that)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l jobs -d 'Accepted: stages are built one after another' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l identity-label -d 'Accepted: skiff adds no builder identity label' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l os-feature -d 'Required OS features of the image (recorded in its config)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l os-version -d 'Required OS version of the image (recorded in its config)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l retry -d 'Accepted: pulls of base images retry on their own' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l retry-delay -d 'Accepted: pulls of base images retry on their own' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l skip-unused-stages -d 'Accepted: stages the target does not need are never built' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l sign-by -d 'Refused: skiff does not sign images (sign them with skopeo or cosign after the build)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l ssh -d 'Refused: no SSH agent forwarding into RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cpp-flag -d 'Refused: Containerfile.in (C preprocessor) files are not supported' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l decryption-key -d 'Refused: encrypted images are not supported' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l logfile -d 'Write the build\'s output to this file instead of stdout/stderr' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l from -d 'Replace the first stage\'s FROM image' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l build-context -d 'Another build context for `COPY --from=NAME` and `FROM NAME`: NAME=DIR or NAME=docker-image://IMAGE' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s o -l output -d 'Also write the image\'s files out: DIR, type=local,dest=DIR or type=tar,dest=FILE|-' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use cached steps'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print only the image id'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l squash -d 'The build\'s new layers as one layer on the base image\'s'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l squash-all -d 'The whole image as one layer'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l disable-content-trust -d 'Docker\'s content trust; podman ignores it, and so does skiff'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l no-hosts -d 'No generated /etc/hosts in RUN steps'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l oom-kill-disable -d 'Keep the OOM killer away from the container'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l all-platforms -d 'Build for every platform of the base image (refused: skiff builds for the host only)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l compress -d 'Accepted: layers are stored uncompressed and compressed when pushed'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l omit-history -d 'Leave the history out of the image\'s config'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l stdin -d 'Accepted: RUN steps read no standard input'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l logsplit -d 'Accepted: one log for every platform (skiff builds one)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from build" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to FILE (a directory with oci-dir and docker-dir); default: stdout, unless it is a terminal' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'docker-archive (default), oci-archive, oci-dir or docker-dir' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -s m -l multi-image-archive -d 'Several images in one docker-archive (docker-archive holds several anyway)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l compress -d 'Compress plain layers (gzip) in oci-dir, oci-archive and docker-dir; layers stored compressed stay as they are'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l uncompressed -d 'Accepted for podman\'s scripts: docker-archive layers are plain tars already'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Print nothing but errors'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from save" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read the archive from FILE (default: stdin); gzip and zstd are recognised' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Print nothing but errors'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand image; and __fish_seen_subcommand_from load" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -s f -l force -d 'Remove images with several names by id, and keep going past errors'
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -s a -l all -d 'Remove all images'
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -s i -l ignore -d 'Ignore images that do not exist'
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -l no-prune -d 'Keep dangling parent images (skiff stores none: accepted)'
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand rmi" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand tag" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand tag" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand tag" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -s f -l format -d 'Go template applied to each result, or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -s t -l type -d 'What the names are: container, image or all (containers first)' -r
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -s s -l size -d 'Add the sizes of containers: SizeRw (their own changes) and SizeRootFs (with the image)'
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand inspect" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -f -a "create" -d 'Create a named volume'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -f -a "ls" -d 'List volumes'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -f -a "inspect" -d 'Display volumes\' details as JSON'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -f -a "rm" -d 'Remove volumes'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -f -a "prune" -d 'Remove every volume no container uses'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'Volume driver: local (the only one)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'Driver options: type=tmpfs, device=tmpfs, o=MOUNT_OPTIONS (e.g. o=size=64m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l ignore -d 'Do not fail when the volume exists'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name=, label=KEY[=VALUE], dangling=true|false' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Go template or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only names'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l noheading -d 'Leave out the table\'s header line'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Go template or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s a -l all -d 'Every volume'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -s t -l time -d 'With --force: seconds running containers get to stop before SIGKILL' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Also remove the containers that use the volumes (running ones are stopped first)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -s a -l all -d 'Every volume'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Only the volumes that pass these filters: label=KEY[=VALUE], label!=..., until=TIME' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand volume; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -f -a "create" -d 'Create a bridge network'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -f -a "ls" -d 'List networks'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -f -a "inspect" -d 'Display networks\' details as JSON'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -f -a "rm" -d 'Remove networks'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -f -a "prune" -d 'Remove every network no container uses'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -f -a "exists" -d 'Exit 0 when the network exists, 1 when not'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -f -a "connect" -d 'Connect a container to a network (also while it runs)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -f -a "disconnect" -d 'Disconnect a container from a network (also while it runs)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm prune exists connect disconnect reload" -f -a "reload" -d 'Re-create the network plumbing of running containers'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -s d -l driver -d 'Driver: bridge (the only one rootless)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l subnet -d 'Subnet in CIDR form (repeat for IPv4 and IPv6)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l gateway -d 'Gateway of the subnet given at the same position (default: its first address)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l ip-range -d 'Allocate container addresses from this range only (CIDR inside the subnet)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l label -d 'Set a label (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -s o -l opt -d 'Driver options: mtu=N, isolate=, metric=, no_default_route=' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l ipam-driver -d 'IPAM driver: host-local (the only one)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l dns -d 'DNS servers the network\'s DNS server forwards to (default: the host\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l interface-name -d 'Interface name of the bridge' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l internal -d 'No route out of the network (containers reach only each other)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l disable-dns -d 'No name resolution of containers on this network'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l ipv6 -d 'Also an IPv6 subnet (a unique local /64 unless --subnet gives one)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l ignore -d 'Succeed when the network exists already'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name=, id=, driver=, label=KEY[=VALUE], dangling=true|false' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l format -d 'Go template or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only ids (names with --format)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l noheading -d 'Leave out the table\'s header line'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Full ids'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Go template or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -s t -l time -d 'With --force: seconds running containers get to stop before SIGKILL' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -s f -l force -d 'Also remove the containers that use the networks (running ones are stopped first)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l filter -d 'Only the networks that pass these filters: label=KEY[=VALUE], label!=..., until=TIME' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l alias -d 'Another name the container answers to on this network' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l ip -d 'Its IPv4 address on this network' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l ip6 -d 'Its IPv6 address on this network' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l mac-address -d 'Its MAC address on this network' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from connect" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s f -l force -d 'Accepted for podman\'s scripts (a disconnect always goes through)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -s a -l all -d 'Every running container'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -s l -l latest -d 'The latest container'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand network; and __fish_seen_subcommand_from reload" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -f -a "create" -d 'Create a pod (and its infra container)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -f -a "ps" -d 'List pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -f -a "inspect" -d 'Display pods\' details as JSON'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -f -a "start" -d 'Start pods (the infra container first)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -f -a "stop" -d 'Stop pods (their containers, then the infra)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -f -a "restart" -d 'Restart pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -f -a "kill" -d 'Send a signal to the containers of pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -f -a "pause" -d 'Pause the containers of pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -f -a "unpause" -d 'Resume the containers of pods'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -f -a "rm" -d 'Remove pods with their containers'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -f -a "prune" -d 'Remove every stopped pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -f -a "exists" -d 'Exit 0 when the pod exists, 1 when not'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -f -a "top" -d 'Show the processes of a pod\'s containers'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -f -a "stats" -d 'Show the resource use of pods\' containers'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and not __fish_seen_subcommand_from create ps inspect start stop restart kill pause unpause rm prune exists top stats logs" -f -a "logs" -d 'Show the output of a pod\'s containers'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -s n -l name -d 'Name of the pod (default: a generated one)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a port of the pod on the host: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp]' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l network -d 'The pod\'s network: pasta, slirp4netns, none, host, or bridge networks (NAME[,NAME])' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l network-alias -d 'Another name the pod answers to on its bridge networks' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l hostname -d 'The pod\'s host name (default: its name)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l share -d 'Namespaces its containers share: net, ipc, uts, pid, cgroup (comma-separated)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra -d 'Create an infra container holding the shared namespaces (--infra=false: none)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-command -d 'Recorded (the infra process is skiff itself, which runs no command)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-image -d 'Accepted for podman\'s scripts: skiff needs no pause image' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-name -d 'Name of the infra container' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l add-host -d 'Add a host entry for every container: NAME:IP' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns -d 'DNS servers of the pod\'s containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns-search -d 'DNS search domains' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns-option -d 'DNS options' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l pod-id-file -d 'Write the pod\'s id to this file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l cgroup-parent -d 'Recorded (skiff makes no cgroups without delegation)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l exit-policy -d 'Accepted for podman\'s scripts: continue (the default) or stop' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l ip -d 'The pod\'s IPv4 address on its (first) bridge network' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l ip6 -d 'The pod\'s IPv6 address on its (first) bridge network' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l mac-address -d 'The pod\'s MAC address on its (first) bridge network' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l label-file -d 'Read labels from a file (KEY=VALUE lines)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l sysctl -d 'Namespaced sysctls of the pod (its shared network and ipc namespaces)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l shm-size -d 'Size of the pod\'s /dev/shm (its shared ipc namespace)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options of the infra container' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l pid -d 'The pod\'s pid namespace: private (default) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l uts -d 'The pod\'s uts namespace: private (default) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l device -d 'A host device for every container of the pod: HOST[:CONTAINER][:PERMS]' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -s v -l volume -d 'A volume for every container of the pod (as `run -v`)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l volumes-from -d 'Every mount of another container, for every container of the pod' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-conmon-pidfile -d 'Write the infra container\'s supervisor pid to this file' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l share-parent -d 'Accepted: skiff makes no pod cgroup to parent the containers\' to' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Refused: limits for a whole pod need a pod cgroup (give them to its containers)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l blkio-weight-device -d 'Refused: limits for a whole pod need a pod cgroup (give them to its containers)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpu-shares -d 'Refused: limits for a whole pod need a pod cgroup (give them to its containers)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpus -d 'Refused: limits for a whole pod need a pod cgroup (give them to its containers)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'Refused: limits for a whole pod need a pod cgroup (give them to its containers)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpuset-mems -d 'Refused: limits for a whole pod need a pod cgroup (give them to its containers)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l device-read-bps -d 'Refused: limits for a whole pod need a pod cgroup (give them to its containers)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l device-write-bps -d 'Refused: limits for a whole pod need a pod cgroup (give them to its containers)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l memory -d 'Refused: limits for a whole pod need a pod cgroup (give them to its containers)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l memory-swap -d 'Refused: limits for a whole pod need a pod cgroup (give them to its containers)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l userns -d 'Refused: a pod\'s containers share the store\'s id mapping' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l uidmap -d 'Refused: a pod\'s containers share the store\'s id mapping' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l gidmap -d 'Refused: a pod\'s containers share the store\'s id mapping' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l subuidname -d 'Refused: a pod\'s containers share the store\'s id mapping' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l subgidname -d 'Refused: a pod\'s containers share the store\'s id mapping' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l replace -d 'Replace a pod of the same name'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l no-hosts -d 'No generated /etc/hosts for the pod\'s containers'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter: name=, id=, label=KEY[=VALUE], status=' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l format -d 'Go template or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l sort -d 'Sort by: created, id, name, status, number' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Only ids'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l noheading
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l no-trunc
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-names -d 'Show the containers\' names'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-ids -d 'Show the containers\' ids'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-status -d 'Show the containers\' states'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ns -d 'Accepted for podman\'s scripts (the namespaces show in inspect)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -s l -l latest -d 'The latest pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from ps" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s f -l format -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s l -l latest
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -s a -l all -d 'Every pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -s l -l latest -d 'The latest pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds the containers get before SIGKILL' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -s a -l all -d 'Every pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -s l -l latest -d 'The latest pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'No error for pods that do not exist'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -s a -l all -d 'Every pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -s l -l latest -d 'The latest pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -s s -l signal -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -s a -l all -d 'Every pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -s l -l latest -d 'The latest pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from kill" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -s a -l all -d 'Every pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -s l -l latest -d 'The latest pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from pause" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s a -l all -d 'Every pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s l -l latest -d 'The latest pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -s t -l time -d 'With --force: seconds the containers get to stop' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -s a -l all -d 'Every pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -s l -l latest -d 'The latest pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop running containers first'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'No error for pods that do not exist'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -s f -l force
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -s l -l latest
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from top" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -s a -l all -d 'Every pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -s l -l latest -d 'The latest pod'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from stats" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -s c -l container -d 'Only this container of the pod' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l tail -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l since -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l until -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -s f -l follow
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -s t -l timestamps
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l color
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -s l -l latest
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand pod; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -f -a "create" -d 'Create a secret from a file, - (stdin) or an environment variable (--env)'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -f -a "ls" -d 'List secrets'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -f -a "inspect" -d 'Display secrets\' details (never their data)'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm" -f -a "rm" -d 'Remove secrets'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -s d -l driver -d 'Driver: file (the only one)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l driver-opts -d 'Driver options (the file driver takes none)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l env -d 'Read the secret from the environment variable named by the second argument'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l replace -d 'Replace a secret of the same name'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name=, id=' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l format -d 'Go template or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l noheading -d 'Leave out the table\'s header line'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only ids'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Go template or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l pretty -d 'Readable text instead of JSON'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every secret'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand secret; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -f -a "systemd" -d 'Generate a systemd unit file for a container'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -f -a "kube" -d 'Describe containers, pods and volumes as Kubernetes YAML (as `kube generate`)'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-policy -d 'systemd Restart= policy' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-sec -d 'systemd RestartSec=' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l stop-timeout -d 'Seconds the container gets to stop before SIGKILL' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l start-timeout -d 'systemd TimeoutStartSec=' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l after -d 'Units to start after (After=)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l requires -d 'Units this one requires (Requires=)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l wants -d 'Units this one wants (Wants=)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l container-prefix -d 'Prefix of the unit\'s name' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l separator -d 'Separator between the prefix and the name' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s e -l env -d 'Environment of the unit (NAME=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l format -d 'json: the unit as {"NAME.service": "TEXT"}' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s n -l name -d 'Use the container\'s name instead of its id in the unit\'s name and commands'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s f -l files -d 'Write CONTAINER-PREFIX-NAME.service in the current directory instead of printing it'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l new -d 'Create the container afresh on each start (from the command that created it)'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l no-header -d 'Leave out the header comment'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l template -d 'Make a template unit (%i): not available in skiff, which names containers itself'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -s f -l filename -d 'Write the YAML to FILE instead of stdout' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -s t -l type -d 'The kind: pod, deployment, daemonset or job' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -s r -l replicas -d 'Replicas of a Deployment' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -s s -l service -d 'Add a Service for the published ports'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand generate; and __fish_seen_subcommand_from kube" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -f -a "play" -d 'Create pods, volumes and secrets from Kubernetes YAML and start them'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -f -a "down" -d 'Remove what `kube play` made from the same YAML'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and not __fish_seen_subcommand_from play down generate" -f -a "generate" -d 'Describe containers, pods and volumes as Kubernetes YAML'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l annotation -d 'Add an annotation to the pods\' containers (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l tls-verify -d 'Require HTTPS with a verified certificate (`--tls-verify=false`: also plain HTTP and unverified HTTPS; default: as registries.conf says, plain HTTP allowed on loopback)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l cert-dir -d 'Use the CA certificates (*.crt) in DIR for the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l authfile -d 'Read credentials from FILE only (auth.json format)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l creds -d 'Credentials for the registry: USER:PASSWORD' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l build -d 'Build the images whose directory (named like the image, in --context-dir) has a Containerfile or Dockerfile, before playing' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l context-dir -d 'Where --build looks for image directories (default: the YAML file\'s directory)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l configmap -d 'A YAML file of ConfigMaps the manifest refers to (repeatable, or comma-separated)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l ip -d 'Static IP address for each pod, in order (bridge networks)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l mac-address -d 'Static MAC address for each pod, in order (bridge networks)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-driver -d 'Logging driver of the containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-opt -d 'Logging driver options' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l network -d 'The pods\' network (default: the default bridge network, where pods resolve each other by name)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l seccomp-profile-root -d 'Directory of seccomp profiles for Localhost profiles (not used: skiff\'s default profile)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l start -d 'Start the pods after creating them (--start=false: create only)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l userns -d 'User namespace of the pods (only the store\'s mapping: a pod shares one)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l replicas -d 'Pods per Deployment, instead of its replicas' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l disable-content-trust -d 'Docker\'s content trust; podman ignores it, and so does skiff'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l no-hosts -d 'Do not write /etc/hosts in the pods\' containers'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -s q -l quiet -d 'Say less while pulling'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l replace -d 'Remove the pods of the same objects first, then play'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l publish-all -d 'Publish the ports of the Services on the host (port, or nodePort where given)'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -s w -l wait -d 'Wait is podman\'s for --rm service containers; skiff\'s play returns when pods run'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from play" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l force -d 'Also remove the volumes of PersistentVolumeClaims that play created'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -s f -l filename -d 'Write the YAML to FILE instead of stdout' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -s t -l type -d 'The kind: pod, deployment, daemonset or job' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -s r -l replicas -d 'Replicas of a Deployment' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -s s -l service -d 'Add a Service for the published ports'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand kube; and __fish_seen_subcommand_from generate" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand play; and not __fish_seen_subcommand_from kube" -f -a "kube" -d 'Create pods from Kubernetes YAML (as `kube play`)'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l annotation -d 'Add an annotation to the pods\' containers (KEY=VALUE)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l tls-verify -d 'Require HTTPS with a verified certificate (`--tls-verify=false`: also plain HTTP and unverified HTTPS; default: as registries.conf says, plain HTTP allowed on loopback)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l cert-dir -d 'Use the CA certificates (*.crt) in DIR for the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l authfile -d 'Read credentials from FILE only (auth.json format)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l creds -d 'Credentials for the registry: USER:PASSWORD' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l build -d 'Build the images whose directory (named like the image, in --context-dir) has a Containerfile or Dockerfile, before playing' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l context-dir -d 'Where --build looks for image directories (default: the YAML file\'s directory)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l configmap -d 'A YAML file of ConfigMaps the manifest refers to (repeatable, or comma-separated)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l ip -d 'Static IP address for each pod, in order (bridge networks)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l mac-address -d 'Static MAC address for each pod, in order (bridge networks)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-driver -d 'Logging driver of the containers' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-opt -d 'Logging driver options' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l network -d 'The pods\' network (default: the default bridge network, where pods resolve each other by name)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l seccomp-profile-root -d 'Directory of seccomp profiles for Localhost profiles (not used: skiff\'s default profile)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l start -d 'Start the pods after creating them (--start=false: create only)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l userns -d 'User namespace of the pods (only the store\'s mapping: a pod shares one)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l replicas -d 'Pods per Deployment, instead of its replicas' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l disable-content-trust -d 'Docker\'s content trust; podman ignores it, and so does skiff'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l no-hosts -d 'Do not write /etc/hosts in the pods\' containers'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -s q -l quiet -d 'Say less while pulling'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l replace -d 'Remove the pods of the same objects first, then play'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l publish-all -d 'Publish the ports of the Services on the host (port, or nodePort where given)'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -s w -l wait -d 'Wait is podman\'s for --rm service containers; skiff\'s play returns when pods run'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand play; and __fish_seen_subcommand_from kube" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -l rootless-netns -d 'Also join the rootless network namespace (skiff has none: each container has its own)'
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand unshare" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l format -d 'json: the mounted containers as JSON' -r
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand mount" -s a -l all -d 'Mount every container'
complete -c skiff -n "__fish_skiff_using_subcommand mount" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand mount" -l no-trunc -d 'Show full container ids'
complete -c skiff -n "__fish_skiff_using_subcommand mount" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand mount" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -s a -l all -d 'Unmount every mounted container'
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -s f -l force -d 'Detach the mount even while something uses it'
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand unmount" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand push" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand push" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -s f -l format -d 'Manifest format: oci or v2s2 (docker); default: the image\'s own' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l compression-format -d 'Layer compression: gzip or zstd (default: as stored; plain layers get gzip)' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l compression-level -d 'Compression level (gzip 0-9, zstd 1-19)' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l digestfile -d 'Write the manifest digest to FILE' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l sign-by -d 'Sign with this key (skiff does not sign images: refused)' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l sign-by-sigstore-private-key -d 'Sign with this sigstore private key (skiff does not sign images: refused)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l sign-passphrase-file -d 'The passphrase of the signing key (refused with the signing flags)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l tls-verify -d 'Require HTTPS with a verified certificate (`--tls-verify=false`: also plain HTTP and unverified HTTPS; default: as registries.conf says, plain HTTP allowed on loopback)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand push" -l cert-dir -d 'Use the CA certificates (*.crt) in DIR for the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l authfile -d 'Read credentials from FILE only (auth.json format)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand push" -l creds -d 'Credentials for the registry: USER:PASSWORD' -r
complete -c skiff -n "__fish_skiff_using_subcommand push" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand push" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand push" -l compress -d 'Accepted for podman\'s scripts (layers are compressed unless stored plain and pushed so)'
complete -c skiff -n "__fish_skiff_using_subcommand push" -l remove-signatures -d 'Push without signatures (skiff stores none: always true)'
complete -c skiff -n "__fish_skiff_using_subcommand push" -s q -l quiet -d 'Print nothing but errors and the digest'
complete -c skiff -n "__fish_skiff_using_subcommand push" -l disable-content-trust -d 'Docker\'s content trust; podman ignores it, and so does skiff'
complete -c skiff -n "__fish_skiff_using_subcommand push" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand push" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -s f -l file -d 'The Containerfile (default: Containerfile, then Dockerfile, in the context; - reads stdin)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -s t -l tag -d 'Name the image (several allowed)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l build-arg -d 'Set a build argument: NAME=VALUE (or NAME to take it from the environment)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l build-arg-file -d 'Read build arguments from FILE (NAME=VALUE lines)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l target -d 'Build up to this stage' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l pull -d 'When to pull base images: always, missing (default), never, newer' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l layers -d 'Use cached steps (false: build every step, as --no-cache, but keep the results)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l label -d 'Add a label to the image: KEY=VALUE' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l format -d 'Image format: oci (default) or docker' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l iidfile -d 'Write the image id to FILE' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l env -d 'Set an environment variable in the final image: NAME=VALUE' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l unsetenv -d 'Remove an environment variable from the final image' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l platform -d 'The platform to build for: the host\'s (another needs qemu-user-static, which skiff does not use)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l ignorefile -d 'Use this ignore file instead of .containerignore/.dockerignore' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l timestamp -d 'Set every created time (and COPY file times) to these Unix seconds (default: $SOURCE_DATE_EPOCH)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l secret -d 'A secret for `RUN --mount=type=secret`: id=ID,src=PATH or id=ID,env=NAME (never in a layer)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l annotation -d 'An annotation for the image\'s manifest: KEY=VALUE' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l network -d 'Network for RUN steps: default (skiff\'s default network) or none' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cache-ttl -d 'Build cached steps older than this again (e.g. 24h)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l tls-verify -d 'Require HTTPS with a verified certificate (`--tls-verify=false`: also plain HTTP and unverified HTTPS; default: as registries.conf says, plain HTTP allowed on loopback)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cert-dir -d 'Use the CA certificates (*.crt) in DIR for the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l authfile -d 'Read credentials from FILE only (auth.json format)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l creds -d 'Credentials for the registry: USER:PASSWORD' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l add-host -d 'Add a host entry in RUN steps: NAME:IP' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cap-add -d 'Add a capability to RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cap-drop -d 'Drop a capability from RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l device -d 'A host device in RUN steps: HOST[:CONTAINER][:PERMS]' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l dns -d 'DNS servers of RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l dns-option -d 'DNS options of RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l dns-search -d 'DNS search domains of RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l security-opt -d 'Security options of RUN steps: seccomp=unconfined|PROFILE.json, no-new-privileges' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l shm-size -d 'Size of /dev/shm in RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l ulimit -d 'Resource limits of RUN steps: TYPE=SOFT[:HARD]' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -s v -l volume -d 'Mount in RUN steps: HOST_PATH|NAME:CONTAINER_PATH[:OPTIONS] (not part of the image)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l ipc -d 'IPC namespace of RUN steps: private (default), host, none' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l pid -d 'PID namespace of RUN steps: private (default) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l uts -d 'UTS namespace of RUN steps: private (default) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l http-proxy -d 'Pass the host\'s proxy variables to RUN steps (default true)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l userns -d 'User namespace of RUN steps: the store\'s mapping (the default) or host for root' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l userns-uid-map -d 'Custom uid map of RUN steps (refused: build steps use the store\'s mapping)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l userns-gid-map -d 'Custom gid map of RUN steps (refused: build steps use the store\'s mapping)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l userns-uid-map-user -d 'Uid map from /etc/subuid of this user (refused: build steps use the store\'s mapping)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l userns-gid-map-group -d 'Gid map from /etc/subgid of this group (refused: build steps use the store\'s mapping)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -s m -l memory -d 'Memory limit (e.g. 512m, 1g); the OOM killer ends the container beyond it' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l memory-reservation -d 'Memory soft limit' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l memory-swappiness -d 'How readily the kernel swaps the container\'s memory out (0-100)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cpus -d 'CPUs the container may use (e.g. 1.5): a quota per 100 ms period' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -s c -l cpu-shares -d 'Relative CPU weight (default 1024)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cpu-quota -d 'CPU time per period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cpu-period -d 'The CPU period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cpu-rt-period -d 'Real-time CPU period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cpu-rt-runtime -d 'Real-time CPU runtime per period, in microseconds' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-1, 0,2)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cpuset-mems -d 'Memory nodes the container may use' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l pids-limit -d 'Most processes the container may have (-1: unlimited)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l blkio-weight -d 'Relative block I/O weight (10-1000)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (e.g. /dev/sda:1mb)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l device-read-iops -d 'Read operations per second of a device: DEVICE:N' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l device-write-iops -d 'Write operations per second of a device: DEVICE:N' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cgroups -d 'Whether the container gets a cgroup of its own: enabled (for resource limits), disabled, no-conmon and split (the same as enabled: skiff\'s supervisor never shares it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cgroupns -d 'Cgroup namespace: private (its own view) or host' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cgroup-parent -d 'Parent cgroup of the container\'s cgroup (relative to the hierarchy\'s root)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cgroup-conf -d 'Write a cgroup v2 file of the container: KEY=VALUE (e.g. memory.high=64m)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l device-cgroup-rule -d 'A device cgroup rule (e.g. \'c 10:200 rwm\'); skiff containers cannot create device nodes, so there is nothing to allow: accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l arch -d 'Architecture to build for (the host\'s: skiff does not emulate others)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l os -d 'Operating system to build for (linux)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l variant -d 'Architecture variant to build for (the host\'s)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l manifest -d 'Add the built image to this manifest list (created when missing)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cache-from -d 'Accepted: skiff\'s step cache is local (said once)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cache-to -d 'Accepted: skiff\'s step cache is local (said once)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -s D -l disable-compression -d 'Accepted: layers are stored uncompressed and compressed when pushed' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l force-rm -d 'Accepted: RUN step containers are always removed' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l rm -d 'Accepted: RUN step containers are always removed' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l isolation -d 'Accepted: skiff runs RUN steps with its own runtime (oci, rootless and chroot all mean that)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l jobs -d 'Accepted: stages are built one after another' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l identity-label -d 'Accepted: skiff adds no builder identity label' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l os-feature -d 'Required OS features of the image (recorded in its config)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l os-version -d 'Required OS version of the image (recorded in its config)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l retry -d 'Accepted: pulls of base images retry on their own' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l retry-delay -d 'Accepted: pulls of base images retry on their own' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l skip-unused-stages -d 'Accepted: stages the target does not need are never built' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand build" -l sign-by -d 'Refused: skiff does not sign images (sign them with skopeo or cosign after the build)' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l ssh -d 'Refused: no SSH agent forwarding into RUN steps' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l cpp-flag -d 'Refused: Containerfile.in (C preprocessor) files are not supported' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l decryption-key -d 'Refused: encrypted images are not supported' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l logfile -d 'Write the build\'s output to this file instead of stdout/stderr' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand build" -l from -d 'Replace the first stage\'s FROM image' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l build-context -d 'Another build context for `COPY --from=NAME` and `FROM NAME`: NAME=DIR or NAME=docker-image://IMAGE' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -s o -l output -d 'Also write the image\'s files out: DIR, type=local,dest=DIR or type=tar,dest=FILE|-' -r
complete -c skiff -n "__fish_skiff_using_subcommand build" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l no-cache -d 'Do not use cached steps'
complete -c skiff -n "__fish_skiff_using_subcommand build" -s q -l quiet -d 'Print only the image id'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l squash -d 'The build\'s new layers as one layer on the base image\'s'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l squash-all -d 'The whole image as one layer'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l disable-content-trust -d 'Docker\'s content trust; podman ignores it, and so does skiff'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l no-hosts -d 'No generated /etc/hosts in RUN steps'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l oom-kill-disable -d 'Keep the OOM killer away from the container'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l all-platforms -d 'Build for every platform of the base image (refused: skiff builds for the host only)'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l compress -d 'Accepted: layers are stored uncompressed and compressed when pushed'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l omit-history -d 'Leave the history out of the image\'s config'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l stdin -d 'Accepted: RUN steps read no standard input'
complete -c skiff -n "__fish_skiff_using_subcommand build" -l logsplit -d 'Accepted: one log for every platform (skiff builds one)'
complete -c skiff -n "__fish_skiff_using_subcommand build" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand build" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and not __fish_seen_subcommand_from prune" -f -a "prune" -d 'Remove the build cache: its records and the intermediate images no tag or container uses'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -s a -l all -d 'Also the RUN --mount=type=cache directories'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand builder; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -f -a "create" -d 'Create a manifest list (optionally with images)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -f -a "add" -d 'Add an image (local, or docker://REFERENCE) to a manifest list'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -f -a "annotate" -d 'Set the platform or annotations of an image in a list'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -f -a "inspect" -d 'Show a manifest list as JSON'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -f -a "push" -d 'Push a manifest list and its local images'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -f -a "rm" -d 'Remove manifest lists'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists" -f -a "exists" -d 'Exit 0 when the manifest list exists, 1 when not'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS with a verified certificate (`--tls-verify=false`: also plain HTTP and unverified HTTPS; default: as registries.conf says, plain HTTP allowed on loopback)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l cert-dir -d 'Use the CA certificates (*.crt) in DIR for the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l authfile -d 'Read credentials from FILE only (auth.json format)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l creds -d 'Credentials for the registry: USER:PASSWORD' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l all -d 'Add every image of an image index given'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -s a -l amend -d 'Add to the list if it exists'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l disable-content-trust -d 'Docker\'s content trust; podman ignores it, and so does skiff'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l arch -d 'Set the architecture' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l os -d 'Set the OS' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l variant -d 'Set the architecture variant' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l annotation -d 'Annotation KEY=VALUE' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l tls-verify -d 'Require HTTPS with a verified certificate (`--tls-verify=false`: also plain HTTP and unverified HTTPS; default: as registries.conf says, plain HTTP allowed on loopback)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l cert-dir -d 'Use the CA certificates (*.crt) in DIR for the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l authfile -d 'Read credentials from FILE only (auth.json format)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l creds -d 'Credentials for the registry: USER:PASSWORD' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l all -d 'Add every image of an image index'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l disable-content-trust -d 'Docker\'s content trust; podman ignores it, and so does skiff'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l arch -d 'Set the architecture' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os -d 'Set the OS' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l variant -d 'Set the architecture variant' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l annotation -d 'Annotation KEY=VALUE' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l index -d 'Annotate the list itself rather than an image'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l all -d 'Push the images in the list too (always, for the local ones)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -s f -l format -d 'Format: oci (default) or v2s2' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the list\'s digest to FILE' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS with a verified certificate (`--tls-verify=false`: also plain HTTP and unverified HTTPS; default: as registries.conf says, plain HTTP allowed on loopback)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l cert-dir -d 'Use the CA certificates (*.crt) in DIR for the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l authfile -d 'Read credentials from FILE only (auth.json format)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l creds -d 'Credentials for the registry: USER:PASSWORD' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l rm -d 'Remove the list from local storage once pushed'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print nothing but errors and the digest'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l disable-content-trust -d 'Docker\'s content trust; podman ignores it, and so does skiff'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand manifest; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s c -l change -d 'Apply a Dockerfile instruction: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR (e.g. --change \'CMD=/app --serve\')' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s m -l message -d 'Commit message (the history entry\'s comment)' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s a -l author -d 'Author' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s p -l pause -d 'Pause the container while its files are read (default true)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s f -l format -d 'Image format: oci (default) or docker' -r
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l iidfile -d 'Write the image id to FILE' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s s -l squash -d 'One layer holding the whole file system, instead of one more layer on the image\'s'
complete -c skiff -n "__fish_skiff_using_subcommand commit" -l include-volumes -d 'The container\'s volume mount points become VOLUMEs of the image (their data does not)'
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s q -l quiet -d 'Print only the image id'
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand commit" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand export" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand export" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand export" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand export" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand export" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand export" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand export" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand export" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand export" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand export" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand export" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand export" -s o -l output -d 'Write to FILE (default: stdout, unless it is a terminal)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand export" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand export" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand export" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand export" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand import" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand import" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand import" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand import" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand import" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand import" -s c -l change -d 'Apply a Dockerfile instruction (as with commit)' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -s m -l message -d 'Commit message' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l platform -d 'Pull the image for this platform (os/arch[/variant]) instead of the host\'s' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l arch -d 'Override the architecture of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l os -d 'Override the OS of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l variant -d 'Override the architecture variant of the image to pull' -r
complete -c skiff -n "__fish_skiff_using_subcommand import" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand import" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand import" -s q -l quiet -d 'Print only the image id'
complete -c skiff -n "__fish_skiff_using_subcommand import" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand import" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l format -d 'json: {"changed": [...], "added": [...], "deleted": [...]}' -r
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand diff" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand diff" -s l -l latest -d 'Act on the latest created container'
complete -c skiff -n "__fish_skiff_using_subcommand diff" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand diff" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand save" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand save" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand save" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand save" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand save" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand save" -s o -l output -d 'Write to FILE (a directory with oci-dir and docker-dir); default: stdout, unless it is a terminal' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand save" -l format -d 'docker-archive (default), oci-archive, oci-dir or docker-dir' -r
complete -c skiff -n "__fish_skiff_using_subcommand save" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand save" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand save" -s m -l multi-image-archive -d 'Several images in one docker-archive (docker-archive holds several anyway)'
complete -c skiff -n "__fish_skiff_using_subcommand save" -l compress -d 'Compress plain layers (gzip) in oci-dir, oci-archive and docker-dir; layers stored compressed stay as they are'
complete -c skiff -n "__fish_skiff_using_subcommand save" -l uncompressed -d 'Accepted for podman\'s scripts: docker-archive layers are plain tars already'
complete -c skiff -n "__fish_skiff_using_subcommand save" -s q -l quiet -d 'Print nothing but errors'
complete -c skiff -n "__fish_skiff_using_subcommand save" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand save" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand load" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand load" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand load" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand load" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand load" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand load" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand load" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand load" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand load" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand load" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand load" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand load" -s i -l input -d 'Read the archive from FILE (default: stdin); gzip and zstd are recognised' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand load" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand load" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand load" -s q -l quiet -d 'Print nothing but errors'
complete -c skiff -n "__fish_skiff_using_subcommand load" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand load" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand search" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand search" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand search" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand search" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand search" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand search" -s f -l filter -d 'Keep results that pass: stars=N, is-official[=BOOL], is-automated[=BOOL]' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l format -d 'Go template for each result, or json' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l limit -d 'Most results per registry (default 25)' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l tls-verify -d 'Require HTTPS with a verified certificate (`--tls-verify=false`: also plain HTTP and unverified HTTPS; default: as registries.conf says, plain HTTP allowed on loopback)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand search" -l cert-dir -d 'Use the CA certificates (*.crt) in DIR for the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand search" -l authfile -d 'Read credentials from FILE only (auth.json format)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand search" -l creds -d 'Credentials for the registry: USER:PASSWORD' -r
complete -c skiff -n "__fish_skiff_using_subcommand search" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand search" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand search" -l compatible -d 'Also show the STARS, OFFICIAL and AUTOMATED columns (docker\'s layout)'
complete -c skiff -n "__fish_skiff_using_subcommand search" -l list-tags -d 'List the tags of the repository TERM names'
complete -c skiff -n "__fish_skiff_using_subcommand search" -l no-trunc -d 'Do not shorten descriptions'
complete -c skiff -n "__fish_skiff_using_subcommand search" -l disable-content-trust -d 'Docker\'s content trust; podman ignores it, and so does skiff'
complete -c skiff -n "__fish_skiff_using_subcommand search" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand search" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand login" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand login" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand login" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand login" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand login" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand login" -s u -l username -d 'User name' -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -s p -l password -d 'Password (prefer --password-stdin: command lines are visible to other users)' -r
complete -c skiff -n "__fish_skiff_using_subcommand login" -l authfile -d 'Auth file to write (default: $XDG_RUNTIME_DIR/containers/auth.json)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand login" -l tls-verify -d 'Require HTTPS with a verified certificate (`--tls-verify=false`: also plain HTTP and unverified HTTPS; default: as registries.conf says, plain HTTP allowed on loopback)' -r -f -a "true\t''
false\t''"
complete -c skiff -n "__fish_skiff_using_subcommand login" -l cert-dir -d 'Use the CA certificates (*.crt) in DIR for the registry' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand login" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand login" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand login" -l password-stdin -d 'Read the password from stdin'
complete -c skiff -n "__fish_skiff_using_subcommand login" -l get-login -d 'Print the user name stored for the registry and exit'
complete -c skiff -n "__fish_skiff_using_subcommand login" -s v -l verbose -d 'Say which auth file the credentials went to'
complete -c skiff -n "__fish_skiff_using_subcommand login" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand login" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l authfile -d 'Auth file to change' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand logout" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand logout" -s a -l all -d 'Remove the credentials of every registry'
complete -c skiff -n "__fish_skiff_using_subcommand logout" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand logout" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l dest -d 'Empty directory to unpack into' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l mapped-ids -d 'Number of container ids mapped' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l userns -d 'Enter a user namespace first (the parent maps it)'
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -l single-id -d 'Only one id is mapped: owners other than root are counted, not set'
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand internal-unpack" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l mode -d 'layer (an overlay upper dir as a layer), tree (DIR over the --lower dirs, read-only overlay, as a root filesystem) or diff (the changes as JSON)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l dir -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l lower -d 'Lower dirs, top first' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l mnt -d 'An empty dir to mount the tree on (mode tree; mode compare makes a/ and b/ in it)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l exclude -d 'Mode layer: paths (relative to --dir) to leave out' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l clamp-mtime -d 'Mode layer: no file time later than these Unix seconds (reproducible builds)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l a-layer -d 'Mode compare: the layers of the first tree, top first' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l b-layer -d 'Mode compare: the layers of the second tree, top first' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -l userns
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand internal-pack" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l join -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l userns
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -l trash -d 'Each path is a trash dir: its entries are removed (`--join`: entering the user namespace of that pid for what resists)'
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand internal-rm" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l hold -d '`skiff init`: prepare the container, then wait for `skiff start` to run its command'
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l restore -d '`skiff container restore`: from its checkpoint'
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l keep -d 'With --restore: keep the checkpoint'
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l tcp-established -d 'With --restore: CRIU\'s --tcp-established'
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -l file-locks -d 'With --restore: CRIU\'s --file-locks'
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand internal-supervise" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand internal-netns-holder" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-netns-holder" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-netns-holder" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand internal-netns-holder" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-netns-holder" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-netns-holder" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-netns-holder" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-netns-holder" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-netns-holder" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-netns-holder" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-netns-holder" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-netns-holder" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand internal-netns-holder" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand internal-netns-holder" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand internal-netns-holder" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand internal-userns-pause" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-userns-pause" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-userns-pause" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand internal-userns-pause" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-userns-pause" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-userns-pause" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-userns-pause" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-userns-pause" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-userns-pause" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-userns-pause" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-userns-pause" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-userns-pause" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand internal-userns-pause" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand internal-userns-pause" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand internal-userns-pause" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -l records-of -d 'The runroot whose attachment records it answers from' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -l holder -d 'The pid of the user\'s network namespace holder' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand internal-dns" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand internal-build" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-build" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-build" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand internal-build" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-build" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-build" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-build" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-build" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-build" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-build" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-build" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-build" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand internal-build" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand internal-build" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand internal-build" -s V -l version -d 'Print version'
complete -c skiff -n "__fish_skiff_using_subcommand internal-op" -l root -d 'Persistent storage directory (default: $XDG_DATA_HOME/skiff/storage)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-op" -l runroot -d 'Volatile run-state directory (default: $XDG_RUNTIME_DIR/skiff, else a private dir in $TMPDIR, /dev/shm or /tmp)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-op" -l log-level -d 'Messages to show on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c skiff -n "__fish_skiff_using_subcommand internal-op" -l events-backend -d 'Where events go: file (the default) or none; journald is taken as file' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-op" -l cgroup-manager -d 'Cgroup manager: cgroupfs (what skiff uses); systemd is accepted and said so' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-op" -l storage-driver -d 'Storage driver: overlay (native, or fuse-overlayfs where the kernel refuses it)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-op" -l storage-opt -d 'Storage options: overlay.mount_program=PATH (fuse-overlayfs) is honoured' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-op" -l runtime -d 'OCI runtime to use: skiff is its own runtime (accepted and said so)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-op" -l runtime-flag -d 'Flags for the OCI runtime (accepted and said so: skiff is its own runtime)' -r
complete -c skiff -n "__fish_skiff_using_subcommand internal-op" -l tmpdir -d 'Directory for temporary state (accepted and said so: skiff keeps its state in --runroot)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-op" -l hooks-dir -d 'OCI hooks directory (oci-hooks(5) JSON files; repeatable, later ones win)' -r -F
complete -c skiff -n "__fish_skiff_using_subcommand internal-op" -l noout -d 'Print nothing on stdout'
complete -c skiff -n "__fish_skiff_using_subcommand internal-op" -l syslog -d 'Also log to syslog (accepted and said so: skiff logs to stderr)'
complete -c skiff -n "__fish_skiff_using_subcommand internal-op" -s h -l help -d 'Print help'
complete -c skiff -n "__fish_skiff_using_subcommand internal-op" -s V -l version -d 'Print version'

/**
 * Virtual file systems (/proc, /sys, /dev and their kin): where they are
 * mounted, and whether a real path is inside one. A walk never reads them
 * (reading some of them blocks forever); discover.ts warns instead.
 */
import fs from 'node:fs';

/** File system types that hold the kernel's or devices' state, never notes (reading some of them blocks). */
const VIRTUAL_TYPES = new Set([
  'proc', 'sysfs', 'devtmpfs', 'devpts', 'cgroup', 'cgroup2', 'securityfs', 'debugfs', 'tracefs', 'bpf', 'configfs',
  'pstore', 'mqueue', 'hugetlbfs', 'fusectl', 'binfmt_misc', 'autofs', 'efivarfs', 'rpc_pipefs', 'nsfs', 'selinuxfs',
]);

/** Every mount point and its file system type: from /proc/self/mounts, else the usual virtual places. */
export function virtualMounts(): Map<string, string> {
  try {
    const mounts = new Map<string, string>();
    for (const line of fs.readFileSync('/proc/self/mounts', 'utf8').split('\n')) {
      const [, where, type] = line.split(' ');
      // Mount points write a space as \040.
      if (where && type) mounts.set(where.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))), type);
    }
    return mounts;
  } catch {
    return new Map([['/proc', 'proc'], ['/sys', 'sysfs'], ['/dev', 'devfs']]);
  }
}

/** The virtual file system a real path is in, by its nearest mount point (`/dev/shm` is tmpfs inside devtmpfs `/dev`), or null. */
export function virtualMountOf(real: string, mounts: ReadonlyMap<string, string>): string | null {
  let nearest: string | null = null;
  for (const mount of mounts.keys()) {
    const inside = real === mount || real.startsWith(mount.endsWith('/') ? mount : `${mount}/`);
    if (inside && (nearest === null || mount.length > nearest.length)) nearest = mount;
  }
  return nearest !== null && (VIRTUAL_TYPES.has(mounts.get(nearest)!) || mounts.get(nearest) === 'devfs') ? nearest : null;
}

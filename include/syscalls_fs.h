/*
 * The file system calls (fs/), each sys_<name> taking the caller's
 * registers as kernel/syscall.c's table passes them (include/syscall.h).
 */
#ifndef SYSCALLS_FS_H
#define SYSCALLS_FS_H

struct syscall_args;

long sys_openat(const struct syscall_args *a);
long sys_open(const struct syscall_args *a);
long sys_close(const struct syscall_args *a);
long sys_read(const struct syscall_args *a);
long sys_write(const struct syscall_args *a);
long sys_readv(const struct syscall_args *a);
long sys_writev(const struct syscall_args *a);
long sys_lseek(const struct syscall_args *a);
long sys_llseek(const struct syscall_args *a);
long sys_pread64(const struct syscall_args *a);
long sys_pwrite64(const struct syscall_args *a);
long sys_getdents64(const struct syscall_args *a);
long sys_getdents(const struct syscall_args *a);
long sys_statx(const struct syscall_args *a);
long sys_fstat64(const struct syscall_args *a);
long sys_stat64(const struct syscall_args *a);
long sys_lstat64(const struct syscall_args *a);
long sys_fstatat64(const struct syscall_args *a);
long sys_readlink(const struct syscall_args *a);
long sys_readlinkat(const struct syscall_args *a);
long sys_getcwd(const struct syscall_args *a);
long sys_chdir(const struct syscall_args *a);
long sys_fchdir(const struct syscall_args *a);
long sys_access(const struct syscall_args *a);
long sys_faccessat(const struct syscall_args *a);
long sys_faccessat2(const struct syscall_args *a);
long sys_dup(const struct syscall_args *a);
long sys_dup2(const struct syscall_args *a);
long sys_dup3(const struct syscall_args *a);
long sys_fcntl64(const struct syscall_args *a);
long sys_ioctl(const struct syscall_args *a);
long sys_pipe(const struct syscall_args *a);
long sys_pipe2(const struct syscall_args *a);
long sys_poll(const struct syscall_args *a);
long sys_ppoll(const struct syscall_args *a);
long sys_ppoll_time64(const struct syscall_args *a);
long sys_newselect(const struct syscall_args *a);
long sys_pselect6(const struct syscall_args *a);
long sys_mount(const struct syscall_args *a);
long sys_umount2(const struct syscall_args *a);

#endif

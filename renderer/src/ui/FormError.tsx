import { Icon } from './Icon';

/** A form's error line, announced to screen readers; nothing while there is no error. */
export function FormError({ message, withIcon = false }: { message: string | null; withIcon?: boolean }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {withIcon && <Icon name="alert" size={16} />}
      {message}
    </p>
  );
}

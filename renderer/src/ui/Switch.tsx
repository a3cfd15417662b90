import './Switch.css';

interface SwitchProps {
  label: string;
  description?: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}

export function Switch({ label, description, checked, disabled, onChange }: SwitchProps) {
  return (
    <label className={`switch${disabled ? ' switch--disabled' : ''}`}>
      <span className="switch__text">
        <span className="switch__label">{label}</span>
        {description && <span className="switch__description">{description}</span>}
      </span>
      <input type="checkbox" role="switch" className="switch__input" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span className="switch__track" aria-hidden="true" />
    </label>
  );
}
